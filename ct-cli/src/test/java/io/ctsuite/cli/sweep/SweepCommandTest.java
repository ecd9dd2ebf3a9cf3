package io.ctsuite.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.cli.CtCommand;
import io.ctsuite.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class SweepCommandTest {
  /** A real training stand-in: accuracy grows each epoch, highest for a learning rate near 0.01. */
  private static final String TRAIN_PY =
      """
      import math, os, time

      lr = float(os.environ["CT_PARAM_LR"])
      quality = math.exp(-(math.log10(lr) + 2) ** 2)
      for epoch in range(1, 10):
          acc = 0.5 + 0.4 * quality * (1 - math.exp(-epoch / 3))
          print(f"epoch {epoch}: loss {1 - acc:.4f}")
          print(f"##ct[metric key='val/acc' value='{acc:.4f}' step='{epoch}']")
          time.sleep(0.05)
      """;

  private static final String SPACE =
      """
      # the best learning rate comes first, the worst second: the order the trials start in
      lr: {grid: [0.01, 0.0001, 0.001, 0.1, 1.0, 0.003, 0.03, 0.0003]}
      """;

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path store;
  private Path space;

  @Before
  public void setUp() throws Exception {
    store = temp.newFolder("store").toPath();
    space = temp.getRoot().toPath().resolve("space.yaml");
    Files.writeString(space, SPACE);
  }

  private int ct(String... args) {
    CommandLine cli = CtCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--store", store.toString()));
    all.addAll(List.of(args));
    return cli.execute(all.toArray(String[]::new));
  }

  private static boolean hasPython() {
    try {
      Process process =
          new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      return process.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  public void shouldRunAPythonSweepStopLosersAndPrintTheBestConfiguration() throws Exception {
    assumeTrue("python3 is needed for this end-to-end test", hasPython());
    Path train = temp.getRoot().toPath().resolve("train.py");
    Files.writeString(train, TRAIN_PY);

    int code =
        ct(
            "sweep",
            "run",
            "--space",
            space.toString(),
            "--parallel",
            "2",
            "--metric",
            "val/acc",
            "--mode",
            "max",
            "--max-t",
            "9",
            "--grace-period",
            "1",
            "--reduction-factor",
            "3",
            "--stop-grace",
            "2",
            "--name",
            "e2e",
            "--",
            "python3",
            train.toString());

    String text = out.toString();
    assertThat(code).as(text + err).isZero();
    assertThat(text)
        .contains("Sweep e2e: 8 trials, 2 at a time, maximising val/acc")
        .contains("ASHA: rungs at step 1, 3; max_t 9")
        .contains("trial 1 started: lr=0.01")
        .containsPattern("trial \\d stopped at step \\d: val/acc [0-9.]+ below rung-\\d cutoff")
        .contains("Leaderboard: val/acc (max), ranked by the last value")
        .contains("Best: trial 1, val/acc 0.8801 at step 9")
        .contains("as environment: CT_PARAM_LR=0.01")
        .containsPattern("Compute: \\d+ steps of 72 \\(\\d+ % saved");
    assertThat(store.resolve("sweeps/e2e/sweep.json")).isRegularFile();
    assertThat(store.resolve("sweeps/e2e/trials/1/output.log")).content().contains("epoch 9: loss");
    assertThat(store.resolve("runs/e2e-t1/run.json")).isRegularFile();

    out.getBuffer().setLength(0);
    assertThat(ct("sweep", "show", "e2e", "--json")).isZero();
    JsonNode shown = Json.mapper().readTree(out.toString());
    assertThat(shown.get("status").asText()).isEqualTo("finished");
    assertThat(shown.get("best").get("trial").asInt()).isEqualTo(1);
    assertThat(shown.get("leaderboard")).hasSize(8);
    assertThat(shown.get("compute").get("saved_fraction").asDouble()).isPositive();
    int stopped = 0;
    for (JsonNode trial : shown.get("leaderboard")) {
      assertThat(trial.get("status").asText()).isIn("completed", "stopped");
      if (trial.get("status").asText().equals("stopped")) {
        stopped++;
        assertThat(trial.get("reason").asText()).startsWith("stopped at step ");
        assertThat(trial.get("compute").asDouble()).isLessThan(9);
      }
    }
    assertThat(stopped).isPositive();
  }

  @Test
  public void shouldShowAFailingTrialsLastOutputLines() throws Exception {
    Path failing = temp.getRoot().toPath().resolve("failing.sh");
    Files.writeString(
        failing, "#!/bin/sh\necho \"CUDA out of memory (lr=$CT_PARAM_LR)\"\nexit 3\n");
    Files.writeString(space, "lr: {grid: [0.5]}\n");

    int code =
        ct(
            "sweep",
            "run",
            "--space",
            space.toString(),
            "--metric",
            "val/acc",
            "--name",
            "oom",
            "--",
            "sh",
            failing.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("trial 1 failed: exit code 3")
        .contains("| CUDA out of memory (lr=0.5)")
        .contains("No trial reported val/acc; there is no best configuration.")
        .contains("Trials: 1 failed of 1.");
  }

  @Test
  public void shouldListAndShowStoredSweepsAndSayWhenOneHasFinished() throws Exception {
    Path quick = temp.getRoot().toPath().resolve("quick.sh");
    Files.writeString(
        quick, "#!/bin/sh\necho \"##ct[metric key='loss' value='$CT_PARAM_LR' step='1']\"\n");
    Files.writeString(space, "lr: {grid: [0.3, 0.1, 0.2]}\n");
    assertThat(
            ct(
                "sweep",
                "run",
                "--space",
                space.toString(),
                "--metric",
                "loss",
                "--mode",
                "min",
                "--scheduler",
                "fifo",
                "--name",
                "quick",
                "--",
                "sh",
                quick.toString()))
        .isZero();

    out.getBuffer().setLength(0);
    assertThat(ct("sweep", "list")).isZero();
    assertThat(out.toString())
        .contains("quick")
        .contains("finished")
        .contains("3/3")
        .contains("0.1 (trial 2)");

    out.getBuffer().setLength(0);
    assertThat(ct("sweep", "show", "quick")).isZero();
    assertThat(out.toString())
        .contains("Sweep quick (finished): fifo, 3 of 3 trials started")
        .contains("Best: trial 2, loss 0.1 at step 1");

    out.getBuffer().setLength(0);
    assertThat(ct("sweep", "run", "--resume", "quick")).isZero();
    assertThat(out.toString()).contains("Sweep quick has already finished.");
  }

  @Test
  public void shouldPreviewTheParametersOfASpace() throws Exception {
    Files.writeString(
        space,
        "optimizer: [sgd, adam]\nmomentum: {uniform: [0.8, 0.99], when: \"optimizer == 'sgd'\"}\n"
            + "layers: {int: [1, 4]}\n");

    assertThat(ct("sweep", "sample", "--space", space.toString(), "--trials", "6", "--seed", "3"))
        .isZero();
    String text = out.toString();
    assertThat(text)
        .contains("3 parameters, 3 searched")
        .contains("momentum: uniform(0.8, 0.99) when optimizer == 'sgd'  (CT_PARAM_MOMENTUM)")
        .contains("trial  optimizer  momentum  layers");

    out.getBuffer().setLength(0);
    assertThat(
            ct(
                "sweep",
                "sample",
                "--space",
                space.toString(),
                "--trials",
                "6",
                "--seed",
                "3",
                "--json"))
        .isZero();
    JsonNode trials = Json.mapper().readTree(out.toString());
    assertThat(trials).hasSize(6);
    for (JsonNode trial : trials) {
      JsonNode params = trial.get("params");
      assertThat(params.has("momentum")).isEqualTo(params.get("optimizer").asText().equals("sgd"));
    }
  }

  @Test
  public void shouldReportTheBenchmarkPerFamilyWithItsSeed() throws Exception {
    assertThat(
            ct(
                "sweep",
                "benchmark",
                "--json",
                "--seeds",
                "2",
                "--family",
                "power-law",
                "--family",
                "step-decay"))
        .isZero();

    JsonNode report = Json.mapper().readTree(out.toString());
    assertThat(report.get("families")).hasSize(2);
    JsonNode powerLaw = report.get("families").get(0);
    assertThat(powerLaw.get("family").asText()).isEqualTo("power-law");
    JsonNode run = powerLaw.get("runs").get(0);
    assertThat(run.get("seed").asLong()).isEqualTo(1);
    assertThat(run.get("compute_saved").asDouble()).isGreaterThanOrEqualTo(0.5);
    assertThat(run.get("best_gap").asDouble()).isLessThanOrEqualTo(run.get("noise").asDouble());
    // a family passes when every seed does, the benchmark when every family does
    boolean all = true;
    for (JsonNode family : report.get("families")) {
      int passedRuns = 0;
      for (JsonNode one : family.get("runs")) {
        passedRuns += one.get("passed").asBoolean() ? 1 : 0;
      }
      assertThat(family.get("passed_seeds").asInt()).isEqualTo(passedRuns);
      assertThat(family.get("passed").asBoolean()).isEqualTo(passedRuns == 2);
      all &= passedRuns == 2;
    }
    assertThat(report.get("all_passed").asBoolean()).isEqualTo(all);
    // three other grace periods, then 1 to 4 brackets besides the default (all five)
    assertThat(report.get("sensitivity")).hasSize(7);
    assertThat(report.get("settings").get("brackets").asInt()).isEqualTo(5);
    assertThat(report.get("sensitivity").get(3).get("brackets").asInt()).isEqualTo(1);
  }

  @Test
  public void shouldMeasureThePlainAshaOrTheRungValueAsked() throws Exception {
    assertThat(
            ct(
                "sweep",
                "benchmark",
                "--json",
                "--seeds",
                "1",
                "--family",
                "noisy",
                "--brackets",
                "1",
                "--rung-value",
                "mean",
                "--rung-window",
                "4"))
        .isZero();

    JsonNode report = Json.mapper().readTree(out.toString());
    assertThat(report.get("settings").get("brackets").asInt()).isEqualTo(1);
    assertThat(report.get("settings").get("rung_value").asText()).isEqualTo("mean");
    assertThat(report.get("scheduler_description").asText())
        .contains("mean of each trial's last 4 reports")
        .doesNotContain("brackets");

    assertThat(ct("sweep", "benchmark", "--brackets", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("--brackets: give a number or all, got 'many'");
    // counting "all" brackets needs rungs that reach max_t: refused, not counted for ever
    assertThat(ct("sweep", "benchmark", "--reduction-factor", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("reduction_factor: must be at least 2, got 1");
    assertThat(ct("sweep", "benchmark", "--grace-period", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("grace_period: must be a number above 0, got 0");
    assertThat(ct("sweep", "benchmark", "--brackets", "1", "--bracket-selection", "adaptive"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("bracket_selection: adaptive needs at least 2 brackets to choose from");
  }

  @Test
  public void shouldPrintTheBenchmarkAsTablesAndFailWithCheckWhenAFamilyFails() {
    // plain ASHA (one bracket) loses the winner of step-decay at its first rungs
    assertThat(
            ct(
                "sweep",
                "benchmark",
                "--seeds",
                "1",
                "--family",
                "step-decay",
                "--brackets",
                "1",
                "--check"))
        .isEqualTo(1);

    assertThat(out.toString())
        .contains("compute_saved", "best_gap", "noise", "FAIL")
        .contains("step-decay: 0/1 seeds pass")
        .contains("seed 1: the best trial, trial ")
        .contains("Other grace periods and numbers of brackets on the same trials")
        .contains("g 1, b 1 *", "g 1, b 5")
        // why: the step schedule's winner is behind until its first drop
        .containsPattern(
            "first ranks in the top 1/3 at epoch (4\\d) \\(by seed\\); judging every trial there and keeping the top 1/3 costs at least \\d+ %");
  }

  @Test
  public void shouldNameWhatIsWrongWithBadInput() throws Exception {
    assertThat(ct("sweep", "run", "--space", space.toString(), "--", "true")).isEqualTo(2);
    assertThat(err.toString()).contains("--metric: name the metric to optimise");

    Files.writeString(space, "lr: {loguniform: [0, 1]}\n");
    assertThat(runOnTestSpace()).isEqualTo(2);
    assertThat(err.toString())
        .contains(space + ": parameter 'lr': loguniform needs low > 0, got 0");

    Files.writeString(space, "lr: [1]\n");
    assertThat(runOnTestSpace("--scheduler", "pbt")).isEqualTo(2);
    assertThat(err.toString())
        .contains("scheduler: unknown scheduler 'pbt'; use asha, median or fifo");

    assertThat(runOnTestSpace("--max-t", "81", "--reduction-factor", "3", "--brackets", "9"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("brackets: give 1 to 5 (one more than the rungs below max_t 81), got 9");
    assertThat(runOnTestSpace("--rung-value", "median")).isEqualTo(2);
    assertThat(err.toString())
        .contains("rung_value: unknown value 'median'; use last, best or mean");

    assertThat(ct("sweep", "run", "--space", space.toString(), "--metric", "m")).isEqualTo(2);
    assertThat(err.toString()).contains("give the trial command after --");

    assertThat(ct("sweep", "run", "--resume", "nothing")).isEqualTo(2);
    assertThat(err.toString()).contains("--resume: no sweep 'nothing' in ");

    assertThat(
            ct(
                "sweep",
                "run",
                "--space",
                space.toString(),
                "--metric",
                "m",
                "--",
                "no-such-command-xyz"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot run the trial command 'no-such-command-xyz'");
  }

  /**
   * {@code ct sweep run} on the test space, optimising m, with {@code settings}: the trial is true.
   */
  private int runOnTestSpace(String... settings) {
    List<String> args =
        new ArrayList<>(List.of("sweep", "run", "--space", space.toString(), "--metric", "m"));
    args.addAll(List.of(settings));
    args.addAll(List.of("--", "true"));
    return ct(args.toArray(String[]::new));
  }

  @Test
  public void shouldAcceptTheStoreAfterTheSubcommandToo() throws Exception {
    Path other = temp.newFolder("other").toPath();
    CommandLine cli = CtCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("sweep", "list", "--store", other.toString())).isZero();

    assertThat(out.toString()).contains("No sweeps in " + other.resolve("sweeps"));
  }
}
