package io.ctsuite.tracking.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.system.GpuSource;
import io.ctsuite.tracking.system.ProcReader;
import io.ctsuite.tracking.tfevents.EventFileWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunSessionTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private RunRecorder recorder(String id) {
    return RunRecorder.start(id, "phase-recognition", System.currentTimeMillis());
  }

  private static void append(Path file, String... lines) throws Exception {
    Files.writeString(
        file,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Test
  public void shouldSaveTheRunAsRunningAndCreateTheMetricsFile() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("runs/b7-train");

    try (RunSession session =
        RunSession.start(dir, recorder("b7-train"), RunSession.Sources.NONE)) {
      assertThat(dir.resolve(RunSession.METRICS_FILE)).isEmptyFile();
      assertThat(RunSession.savedStatus(dir)).isEqualTo(RunStatus.RUNNING);
      assertThat(session.dir()).isEqualTo(dir.toAbsolutePath());
    }
  }

  @Test
  public void shouldReadTheMetricsFileAndConsoleCopiesAsTheyGrow() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("runs/b7-train");
    RunSession session = RunSession.start(dir, recorder("b7-train"), RunSession.Sources.NONE);
    append(dir.resolve(RunSession.METRICS_FILE), "{\"key\":\"loss\",\"value\":0.9,\"step\":1}");
    append(dir.resolve(RunSession.CONSOLE_FILE), "##ct[metric key='val/mAP' value='0.3' ts='5']");
    session.poll(false);
    session.save();

    RunStore store = new RunStore(dir.getParent());
    assertThat(store.summary("b7-train").metrics()).containsOnlyKeys("loss", "val/mAP");

    append(dir.resolve(RunSession.METRICS_FILE), "{\"key\":\"loss\",\"value\":0.5,\"step\":2}");
    append(dir.resolve(RunSession.CONSOLE_FILE), "##ct[param key='lr' value='0.01']");
    RunSummary finished = session.finish(RunStatus.FINISHED, dir);

    assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(finished.metric("loss").count()).isEqualTo(2);
    assertThat(finished.metric("loss").last()).isEqualTo(0.5);
    assertThat(finished.params()).containsEntry("lr", 0.01);
    assertThat(store.metrics("b7-train").get("loss").size()).isEqualTo(2);
  }

  @Test
  public void shouldResumeWithoutReadingAnythingTwice() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("runs/b8-train");
    RunSession first = RunSession.start(dir, recorder("b8-train"), RunSession.Sources.NONE);
    append(dir.resolve(RunSession.METRICS_FILE), "{\"key\":\"loss\",\"value\":0.9}");
    first.poll(false);
    first.save();
    first.close(); // its process died: nothing finished it

    append(dir.resolve(RunSession.METRICS_FILE), "{\"key\":\"loss\",\"value\":0.7}");
    RunSession second = RunSession.resume(dir, RunSession.Sources.NONE);
    RunSummary summary = second.finish(RunStatus.KILLED, null);

    assertThat(summary.metric("loss").count()).isEqualTo(2);
    assertThat(summary.metric("loss").last()).isEqualTo(0.7);
    assertThat(summary.status()).isEqualTo(RunStatus.KILLED);
  }

  @Test
  public void shouldFollowEventFilesAndMetricFilesItIsToldAboutButNotOlderOnes() throws Exception {
    Path workspace = tmp.newFolder("ws").toPath();
    Path old = workspace.resolve("old.jsonl");
    append(old, "{\"key\":\"stale\",\"value\":1}");
    Files.setLastModifiedTime(
        old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    Path tb = Files.createDirectories(workspace.resolve("runs/exp1/train"));
    double now = System.currentTimeMillis() / 1000.0;
    try (EventFileWriter writer =
        new EventFileWriter(
            Files.newOutputStream(tb.resolve("events.out.tfevents.1716735746.host.1.0")), now)) {
      writer.scalar("epoch_loss", 1, now, 0.8f);
      writer.scalar("epoch_loss", 2, now, 0.6f);
    }
    Path fresh = workspace.resolve("metrics/eval.jsonl");
    Files.createDirectories(fresh.getParent());
    RunSession.Sources sources =
        new RunSession.Sources() {
          @Override
          public Collection<Path> eventDirectories() {
            return List.of(workspace.resolve("runs"));
          }

          @Override
          public Collection<Path> metricFiles() {
            return Files.exists(fresh) ? List.of(old, fresh) : List.of(old);
          }
        };
    Path dir = tmp.getRoot().toPath().resolve("runs/b9-train");
    RunSession session = RunSession.start(dir, recorder("b9-train"), sources);
    session.poll(false);
    append(fresh, "{\"step\":3,\"metrics\":{\"acc\":0.9}}");

    RunSummary summary = session.finish(RunStatus.FINISHED, workspace);

    assertThat(summary.metrics()).containsOnlyKeys("train/epoch_loss", "acc");
    assertThat(summary.metric("train/epoch_loss").last())
        .isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  public void shouldReadOlderFilesWhenPublishingThem() throws Exception {
    Path workspace = tmp.newFolder("ws2").toPath();
    Path old = workspace.resolve("eval.jsonl");
    append(old, "{\"key\":\"acc\",\"value\":0.7}");
    Files.setLastModifiedTime(
        old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    RunSession.Sources sources =
        new RunSession.Sources() {
          @Override
          public Collection<Path> eventDirectories() {
            return List.of();
          }

          @Override
          public Collection<Path> metricFiles() {
            return List.of(old);
          }
        };

    RunSummary summary =
        RunSession.start(
                tmp.getRoot().toPath().resolve("runs/b12-eval"), recorder("b12-eval"), sources)
            .acceptOlderFiles()
            .finish(RunStatus.FINISHED, workspace);

    assertThat(summary.metric("acc").last()).isEqualTo(0.7);
  }

  @Test
  public void shouldFinishWhenAnotherProcessAsksThroughTheStopFile() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("runs/b10-train");
    Path proc = tmp.newFolder("proc").toPath();
    Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\n");
    Files.writeString(
        proc.resolve("meminfo"), "MemTotal:       1024000 kB\nMemAvailable:    512000 kB\n");
    RunSession session =
        RunSession.start(dir, recorder("b10-train"), RunSession.Sources.NONE)
            .monitorSystem(new ProcReader(proc), GpuSource.NONE, Duration.ofMillis(20))
            .autoSave(Duration.ofMillis(50), dir);

    RunSession.requestStop(dir, RunStatus.KILLED);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!session.isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(session.isFinished()).isTrue();
    assertThat(RunSession.savedStatus(dir)).isEqualTo(RunStatus.KILLED);
    assertThat(RunSession.stopRequested(dir)).isNull();
    assertThat(new RunStore(dir.getParent()).system("b10-train").keys())
        .contains("sys/mem_used_mib", "sys/mem_percent");
  }

  @Test
  public void shouldDescribeARunForAPageWithChartsPerMetricAndGroupedSystemCharts()
      throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("runs/b11-train");
    RunRecorder recorder = recorder("b11-train");
    RunSession session = RunSession.start(dir, recorder, RunSession.Sources.NONE);
    append(
        dir.resolve(RunSession.METRICS_FILE),
        "{\"key\":\"loss\",\"value\":0.9,\"step\":1}",
        "{\"key\":\"loss\",\"value\":\"NaN\",\"step\":2}");
    recorder
        .systemSink()
        .metric(new io.ctsuite.tracking.run.MetricPoint("gpu0/util_percent", 0, 1, 90));
    recorder
        .systemSink()
        .metric(new io.ctsuite.tracking.run.MetricPoint("sys/cpu_percent", 0, 1, 40));
    recorder
        .systemSink()
        .metric(new io.ctsuite.tracking.run.MetricPoint("gpu0/power_w", 0, 1, 250));
    session.finish(RunStatus.FINISHED, null);

    ObjectNode view = RunView.of(new RunStore(dir.getParent()), "b11-train", 100);
    JsonNode parsed = Json.mapper().readTree(RunView.text(view));

    assertThat(parsed.path("run").path("id").asText()).isEqualTo("b11-train");
    assertThat(parsed.path("metrics").get(0).path("key").asText()).isEqualTo("loss");
    JsonNode data = parsed.path("metrics").get(0).path("option").path("series").get(0).path("data");
    assertThat(data.get(1).get(1).isNull()).isTrue();
    assertThat(parsed.path("system").findValuesAsText("title"))
        .containsExactly("Utilisation (%)", "Power (W)");
  }
}
