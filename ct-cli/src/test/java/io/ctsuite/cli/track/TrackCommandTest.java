package io.ctsuite.cli.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.cli.CtCommand;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class TrackCommandTest {
  static final Path FIXTURES = Path.of("../../shared/fixtures");
  static final Path JANOSH =
      FIXTURES.resolve(
          "tensorboard/janosh__tensorboard-reducer/tests/runs/lax/run_1/"
              + "events.out.tfevents.1622543341.janoshs-mbp.lan.86862.3");

  @Rule public TemporaryFolder temp = new TemporaryFolder();
  private StringWriter out;
  private StringWriter err;
  private Path store;

  @Before
  public void setUp() throws Exception {
    store = temp.newFolder("store").toPath();
  }

  private int ct(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = CtCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--store";
    all[1] = store.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return cli.execute(all);
  }

  private JsonNode json() throws Exception {
    return Json.mapper().readTree(out.toString());
  }

  private RunStore runs() {
    return new RunStore(store.resolve("runs"));
  }

  @Test
  public void shouldIngestAnEventFileAndShowEveryMetricAsJson() throws Exception {
    assertThat(ct("track", "ingest", JANOSH.toString(), "--run", "lax-1", "--family", "lax"))
        .isZero();
    assertThat(out.toString()).contains("Recorded run lax-1 (lax): 330 new points, 3 metrics");

    assertThat(ct("track", "show", "lax-1", "--json")).isZero();
    JsonNode foo = json().at("/metrics/lax~1foo");
    assertThat(foo.get("points").asLong()).isEqualTo(110);
    assertThat(foo.get("firstStep").asLong()).isZero();
    assertThat(foo.get("lastStep").asLong()).isEqualTo(109);
    assertThat(foo.get("last").asDouble()).isEqualTo(1.4174270629882812);
    assertThat(foo.get("min").asDouble()).isEqualTo(1.014169692993164);
    assertThat(foo.get("max").asDouble()).isEqualTo(1.9931981563568115);

    assertThat(ct("track", "show", "lax")).isZero(); // a unique prefix
    assertThat(out.toString()).contains("lax/bar_2", "110", "0..109");
  }

  @Test
  public void shouldAddOnlyWhatAGrowingFileGainedWhenIngestedAgain() throws Exception {
    Path jsonl = temp.getRoot().toPath().resolve("metrics.jsonl");
    Files.writeString(jsonl, "{\"key\":\"loss\",\"value\":0.5,\"step\":1}\n");
    assertThat(ct("track", "ingest", jsonl.toString(), "--run", "grow")).isZero();
    Files.writeString(
        jsonl,
        "{\"key\":\"loss\",\"value\":0.4,\"step\":2}\nnot json\n",
        StandardOpenOption.APPEND);

    assertThat(ct("track", "ingest", jsonl.toString(), "--run", "grow")).isZero();

    assertThat(out.toString())
        .contains("Updated run grow (default): 1 new points, 1 metrics, 1 warning");
    assertThat(err.toString()).contains("warning: metrics.jsonl:3: column ");
    assertThat(runs().summary("grow").metric("loss").count()).isEqualTo(2);
    assertThat(runs().summary("grow").warnings()).hasSize(1);
  }

  @Test
  public void shouldImportMlflowRunsIntoTheirFamilies() throws Exception {
    assertThat(ct("track", "ingest", FIXTURES.resolve("mlflow/16aryan__MLFlow/mlruns").toString()))
        .isZero();
    assertThat(
            ct(
                "track",
                "ingest",
                FIXTURES.resolve("mlflow/1234525344__stock-quant/mlruns").toString(),
                "--json"))
        .isZero();

    assertThat(json().at("/runs/0/family").asText()).isEqualTo("qlib_baseline_v2");
    RunSummary run = runs().summary("0d8653353e3e43beb89442a8bca1a94d");
    assertThat(run.family()).isEqualTo("Default");
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  public void shouldExplainPathsWithNothingToIngest() throws Exception {
    Path empty = temp.newFolder("empty").toPath();
    Files.writeString(empty.resolve("notes.md"), "nothing");

    assertThat(ct("track", "ingest", empty.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nothing to ingest in").doesNotContain("Exception");

    assertThat(ct("track", "ingest", "/no/such/file.jsonl")).isEqualTo(2);
    assertThat(err.toString()).contains("no such file: /no/such/file.jsonl");
  }

  private void lrRun(String id, double lr, String arch, double... acc) throws Exception {
    Path file = temp.getRoot().toPath().resolve(id + ".jsonl");
    StringBuilder text = new StringBuilder();
    text.append("{\"params\":{\"lr\":")
        .append(lr)
        .append("},\"tags\":{\"arch\":\"")
        .append(arch)
        .append("\"}}\n");
    for (int i = 0; i < acc.length; i++) {
      text.append("{\"key\":\"val/acc\",\"value\":")
          .append(acc[i])
          .append(",\"step\":")
          .append(i)
          .append("}\n");
    }
    Files.writeString(file, text);
    assertThat(ct("track", "ingest", file.toString(), "--run", id, "--family", "resnet")).isZero();
  }

  @Test
  public void shouldRankFilterSearchAndCompare() throws Exception {
    lrRun("a", 0.01, "resnet50", 0.5, 0.7);
    lrRun("b", 0.1, "resnet50", 0.6, 0.9);
    lrRun("c", 0.02, "resnet18", 0.8, 0.75);

    assertThat(ct("track", "leaderboard", "resnet", "--metric", "val/acc", "--mode", "max"))
        .isZero();
    assertThat(out.toString().lines().skip(2).map(l -> l.split("\\s+")[1]))
        .startsWith("b", "c", "a");

    assertThat(
            ct(
                "track",
                "leaderboard",
                "resnet",
                "--metric",
                "val/acc",
                "--value",
                "last",
                "--where",
                "lr < 0.05 and tags.arch == 'resnet50'",
                "--json"))
        .isZero();
    assertThat(json().get("total").asInt()).isEqualTo(1);
    assertThat(json().at("/rows/0/run").asText()).isEqualTo("a");

    assertThat(
            ct(
                "track",
                "search",
                "--metric",
                "val/acc",
                "--min",
                "0.72",
                "--max",
                "0.95",
                "--json"))
        .isZero();
    assertThat(json().get("rows").findValuesAsText("run")).containsExactly("b", "c");

    assertThat(ct("track", "compare", "a", "b", "--json")).isZero();
    assertThat(json().at("/differingParams/lr").toString()).isEqualTo("[0.01,0.1]");
    assertThat(json().at("/metrics/val~1acc/best").asText()).isEqualTo("b");
    assertThat(json().at("/metrics/val~1acc/deltas/1").asDouble())
        .isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));

    assertThat(ct("track", "leaderboard", "resnet", "--metric", "val/acc", "--where", "lr <"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("filter 'lr <'");
  }

  @Test
  public void shouldPrintAnEchartsOptionOfACurve() throws Exception {
    lrRun("a", 0.01, "resnet50", 0.5, 0.7);

    assertThat(ct("track", "show", "a", "--chart", "val/acc")).isZero();

    assertThat(json().at("/series/0/data").toString()).isEqualTo("[[0,0.5],[1,0.7]]");
    assertThat(ct("track", "show", "a", "--chart", "nope")).isEqualTo(2);
    assertThat(err.toString()).contains("run a has no metric 'nope'");
  }

  @Test
  public void shouldRunACommandAndExitWithItsExitCode() throws Exception {
    org.junit.Assume.assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path work = temp.newFolder("work").toPath();
    String script =
        "echo 'epoch 1 ##ct[metric key=\"val/acc\" value=\"0.5\" step=\"1\"]' | tr '\"' \"'\";"
            + " echo \"##ct[param key='lr' value='0.01']\";"
            + " echo '{\"key\":\"loss\",\"value\":0.25,\"step\":7}' >> \"$CT_METRICS_FILE\";"
            + " cp '"
            + JANOSH.toAbsolutePath()
            + "' \"$1/events.out.tfevents.1.copy\";"
            + " echo oops >&2; exit 3";

    int code =
        ct(
            "track",
            "run",
            "--run",
            "cmd-1",
            "--family",
            "f",
            "--no-system",
            "--watch",
            work.toString(),
            "--",
            "/bin/sh",
            "-c",
            script,
            "sh",
            work.toString());

    assertThat(code).isEqualTo(3);
    assertThat(out.toString()).contains("epoch 1 ##ct[metric key='val/acc'");
    assertThat(err.toString())
        .contains("oops")
        .contains("ct: run cmd-1 failed")
        .contains("exit code 3");
    RunSummary run = runs().summary("cmd-1");
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.params()).containsEntry("lr", 0.01);
    assertThat(run.metric("val/acc").last()).isEqualTo(0.5);
    assertThat(run.metric("loss").lastStep()).isEqualTo(7);
    assertThat(run.metric("lax/foo").count()).isEqualTo(110); // the event file it wrote
  }

  @Test
  public void shouldSayWhenTheCommandCannotStart() {
    assertThat(ct("track", "run", "--no-system", "--no-watch", "--", "/no/such/command"))
        .isEqualTo(127);
    assertThat(err.toString()).contains("cannot start '/no/such/command'");
    assertThat(runs().ids()).isEmpty();
  }
}
