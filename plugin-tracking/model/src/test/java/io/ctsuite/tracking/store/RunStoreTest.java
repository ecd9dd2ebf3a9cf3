package io.ctsuite.tracking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.Artifact;
import io.ctsuite.tracking.run.DatasetRef;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.References;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunStoreTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();
  private RunStore store;

  @Before
  public void setUp() {
    store = new RunStore(temp.getRoot().toPath().resolve("runs"));
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = RunStoreTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The run of the golden file run-v2.json, built through the recorder as capture does. */
  static RunRecorder goldenRun() {
    RunRecorder run = RunRecorder.start("run-7", "resnet-sweep", 1716735746000L);
    run.name("baseline");
    run.param("lr", 0.01);
    run.param("epochs", 30);
    run.param("amp", true);
    run.param("optimizer.name", "sgd");
    run.tag("arch", "resnet50");
    run.metric(new MetricPoint("loss", 0, 1716735746000L, 2.5));
    run.metric(new MetricPoint("loss", 1, 1716735747000L, 0.5));
    run.metric(new MetricPoint("loss", 2, 1716735748000L, Double.NaN));
    run.references(
        References.none()
            .withDataset(new DatasetRef("coco", "v3"))
            .withGitCommit("0123456789abcdef0123456789abcdef01234567")
            .withContainerImage("registry.example.org/train:1.4")
            .withBuildUrl("https://ci.example.org/job/train/7/"));
    run.finish(RunStatus.FINISHED, 1716739346000L, 0);
    return run;
  }

  @Test
  public void shouldWriteTheGoldenRunJson() throws Exception {
    RunRecorder run = goldenRun();
    Path work = temp.newFolder("work").toPath();
    Files.createDirectories(work.resolve("out"));
    Files.writeString(work.resolve("out/model.onnx"), "test"); // sha256("test") is well known
    run.artifact("out/model.onnx", "model");
    run.describeArtifacts(work);

    store.save(run.summary(), run.metrics(), run.system());

    String written = Files.readString(store.dir("run-7").resolve("run.json"));
    assertThat(Json.mapper().readTree(written))
        .isEqualTo(Json.mapper().readTree(resource("run-v2.json")));
  }

  @Test
  public void shouldRoundTripSummaryAndSeries() {
    RunRecorder run = goldenRun();
    run.metric(new MetricPoint("val/top-1 (%)", 9_000_000_000L, 5L, Double.NEGATIVE_INFINITY));
    run.metric(new MetricPoint("val/top-1 (%)", -3, 1716735746000L, 1e308));
    run.systemSink().metric(new MetricPoint("sys/cpu_percent", 0, 1000, 12.5));

    store.save(run.summary(), run.metrics(), run.system());

    assertThat(store.summary("run-7")).isEqualTo(run.summary());
    RunSeries metrics = store.metrics("run-7");
    assertThat(metrics).isEqualTo(run.metrics());
    MetricSeries odd = metrics.get("val/top-1 (%)");
    assertThat(odd.step(0)).isEqualTo(-3); // ordered by step
    assertThat(odd.value(1)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Double.isNaN(metrics.get("loss").value(2))).isTrue();
    assertThat(store.system("run-7").get("sys/cpu_percent").value(0)).isEqualTo(12.5);
    assertThat(store.metrics("run-7", "loss"::equals).keys()).containsExactly("loss");
  }

  @Test
  public void shouldLeaveNoTemporaryFilesBehind() throws Exception {
    RunRecorder run = goldenRun();
    store.save(run.summary(), run.metrics(), run.system());
    store.save(run.summary(), run.metrics(), run.system());

    try (Stream<Path> files = Files.list(store.dir("run-7"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("run.json", "metrics.series");
    }
  }

  @Test
  public void shouldUpgradeASchema1Summary() throws Exception {
    Path dir = Files.createDirectories(store.dir("draft-run-1"));
    Files.writeString(dir.resolve("run.json"), resource("run-v1.json"));

    RunSummary run = store.summary("draft-run-1");

    assertThat(run.family()).isEqualTo("resnet-sweep");
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.startedAt()).isEqualTo(1716735746000L);
    assertThat(run.params())
        .containsExactly(
            Map.entry("epochs", 30L),
            Map.entry("lr", 0.01),
            Map.entry("optimizer.momentum", 0.9),
            Map.entry("optimizer.name", "sgd"));
    MetricSummary acc = run.metric("val/acc");
    assertThat(acc.count()).isEqualTo(30);
    assertThat(acc.last()).isEqualTo(0.91);
    assertThat(acc.max()).isEqualTo(0.93);
    assertThat(acc.lastStep()).isEqualTo(-1);
    assertThat(run.metric("loss").last()).isNaN();
    assertThat(store.metrics("draft-run-1").isEmpty()).isTrue();
  }

  @Test
  public void shouldRefuseASummaryFromANewerSchema() throws Exception {
    Path dir = Files.createDirectories(store.dir("future"));
    Files.writeString(dir.resolve("run.json"), "{\"schema\": 99, \"id\": \"future\"}");

    assertThatThrownBy(() -> store.summary("future"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("run.json: schema 99 is newer than this ct reads (2)");
  }

  @Test
  public void shouldNameTheFileOfDamagedData() throws Exception {
    RunRecorder run = goldenRun();
    store.save(run.summary(), run.metrics(), run.system());
    Path series = store.dir("run-7").resolve("metrics.series");
    byte[] bytes = Files.readAllBytes(series);
    bytes[bytes.length / 2] ^= 1;
    Files.write(series, bytes);
    Files.writeString(store.dir("run-7").resolve("run.json"), "{\"id\": \"run-7\", \"status\": 3");

    assertThatThrownBy(() -> store.metrics("run-7"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("metrics.series")
        .hasMessageContaining("checksum mismatch");
    assertThatThrownBy(() -> store.summary("run-7"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("run.json: not valid JSON");
  }

  @Test
  public void shouldResolveUniquePrefixesAndListRuns() {
    for (String id : new String[] {"20240526-aaaa", "20240526-aabb", "20240527-cccc"}) {
      store.saveSummary(RunSummary.builder(id).build());
    }

    assertThat(store.ids()).containsExactly("20240526-aaaa", "20240526-aabb", "20240527-cccc");
    assertThat(store.resolve("20240527")).isEqualTo("20240527-cccc");
    assertThat(store.resolve("20240526-aabb")).isEqualTo("20240526-aabb");
    assertThatThrownBy(() -> store.resolve("20240526-aa"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("matches 2 runs");
    assertThatThrownBy(() -> store.resolve("nope"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("no run 'nope'");
  }

  @Test
  public void shouldRejectIdsThatAreNoSafeDirectoryNames() {
    assertThatThrownBy(() -> store.dir("../etc")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> RunSummary.builder("a/b")).isInstanceOf(InputException.class);
  }

  @Test
  public void shouldKeepSourceOffsets() {
    SourceOffsets offsets = new SourceOffsets();
    offsets.put("/tmp/x/events.out.tfevents.1", new SourceOffsets.Offset(4096, 0));
    store.saveSummary(RunSummary.builder("r").build());
    store.saveSources("r", offsets);

    assertThat(store.sources("r").get("/tmp/x/events.out.tfevents.1").bytes()).isEqualTo(4096);
    assertThat(store.sources("r").get("unknown").bytes()).isZero();
  }

  @Test
  public void shouldKeepArtifactsWithoutFilesUndescribed() throws Exception {
    RunRecorder run = goldenRun();
    run.artifact("missing.ckpt", "checkpoint");
    run.describeArtifacts(temp.getRoot().toPath());

    assertThat(run.summary().artifacts())
        .containsExactly(new Artifact("missing.ckpt", "checkpoint", -1, null));
  }

  @Test
  public void shouldTravelBetweenJvmsAsJavaSerialization() throws Exception {
    RunRecorder run = goldenRun();
    RunSummary summary = run.summary();
    RunSeries metrics = run.metrics();

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(summary);
      out.writeObject(metrics);
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(summary);
      assertThat(in.readObject()).isEqualTo(metrics);
    }
  }
}
