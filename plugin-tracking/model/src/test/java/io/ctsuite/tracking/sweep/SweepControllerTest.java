package io.ctsuite.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.schedule.Decision;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SweepControllerTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final AtomicLong clock = new AtomicLong(1_000);

  private static Map<String, Object> settings(Object... more) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("space", Map.of("lr", Map.of("loguniform", List.of(1e-4, 0.1))));
    settings.put("trials", 4);
    settings.put("parallel", 2);
    settings.put("metric", "val/acc");
    settings.put("mode", "max");
    settings.put("scheduler", "asha");
    settings.put("max_t", 9);
    settings.put("reduction_factor", 3);
    for (int i = 0; i < more.length; i += 2) {
      settings.put((String) more[i], more[i + 1]);
    }
    return settings;
  }

  private SweepController controller(Object... more) {
    return SweepController.start(SweepSpec.fromMap("test", settings(more)), clock::get);
  }

  @Test
  public void shouldHandOutEachTrialOnceWithItsSampledParameters() {
    SweepController sweep = controller();

    List<Trial> started = new java.util.ArrayList<>();
    sweep.next().ifPresent(started::add);
    sweep.next().ifPresent(started::add);
    sweep.next().ifPresent(started::add);
    sweep.next().ifPresent(started::add);

    assertThat(started).extracting(Trial::number).containsExactly(1, 2, 3, 4);
    assertThat(started)
        .allSatisfy(t -> assertThat((Double) t.params().get("lr")).isBetween(1e-4, 0.1));
    assertThat(started).extracting(Trial::status).containsOnly(TrialStatus.RUNNING);
    assertThat(sweep.next()).isEmpty();
    assertThat(sweep.finished()).isFalse();
  }

  @Test
  public void shouldStopALosingTrialAndRecordWhy() {
    SweepController sweep = controller();
    sweep.next();
    sweep.next();
    sweep.report(1, "val/acc", 1, 0.8);

    Decision decision = sweep.report(2, "val/acc", 1, 0.3);
    Trial stopped = sweep.end(2, 143);

    assertThat(decision.action()).isEqualTo(Decision.Action.STOP);
    assertThat(stopped.status()).isEqualTo(TrialStatus.STOPPED);
    assertThat(stopped.exitCode()).isEqualTo(143);
    assertThat(stopped.reason())
        .isEqualTo(
            "stopped at step 1: val/acc 0.3 below rung-1 cutoff 0.8 (rank 2 of 2; the top 1 continue, 1/3)");
    assertThat(stopped.compute()).isEqualTo(1);
  }

  @Test
  public void shouldIgnoreOtherMetricsAndReportsAfterAVerdict() {
    SweepController sweep = controller();
    sweep.next();
    sweep.next();
    sweep.report(1, "val/acc", 1, 0.8);
    sweep.report(2, "val/acc", 1, 0.3);

    assertThat(sweep.report(1, "train/loss", 1, 0.1)).isNull();
    assertThat(sweep.report(2, "val/acc", 2, 0.99)).isNull();
    assertThat(sweep.trials().get(1).lastValue()).isEqualTo(0.3);
  }

  @Test
  public void shouldCompleteATrialThatReachesItsBudgetWhateverItsExitCode() {
    SweepController sweep = controller();
    sweep.next();
    for (int step = 1; step <= 9; step++) {
      sweep.report(1, "val/acc", step, 0.1 * step);
    }

    Trial done = sweep.end(1, 143);

    assertThat(done.status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(done.reason()).isEqualTo("completed at step 9: reached max_t 9 with val/acc 0.9");
    assertThat(done.bestValue()).isEqualTo(0.9);
    assertThat(done.rungs()).hasSize(2);
  }

  @Test
  public void shouldTellFailuresFromCompletions() {
    SweepController sweep = controller();
    sweep.next();
    sweep.next();
    sweep.next();
    sweep.report(1, "val/acc", 1, 0.5);

    assertThat(sweep.end(1, 0).status()).isEqualTo(TrialStatus.COMPLETED);
    Trial failed = sweep.end(2, 3);
    assertThat(failed.status()).isEqualTo(TrialStatus.FAILED);
    assertThat(failed.reason()).isEqualTo("failed: exit code 3");
    Trial silent = sweep.end(3, 0);
    assertThat(silent.status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(silent.reason()).isEqualTo("ended without reporting val/acc");
  }

  @Test
  public void shouldMeasureTimeByAnotherMetricWhenAsked() {
    SweepController sweep = controller("time_attr", "epoch");
    sweep.next();
    sweep.next();
    // before any epoch is known the value is recorded but not judged
    assertThat(sweep.report(1, "val/acc", 100, 0.9)).isNull();
    sweep.report(1, "epoch", 100, 1);
    sweep.report(1, "val/acc", 101, 0.9);
    sweep.report(2, "epoch", 7, 1);

    Decision decision = sweep.report(2, "val/acc", 7, 0.1);

    assertThat(decision.time()).isEqualTo(1);
    assertThat(decision.explain())
        .startsWith("trial 2 stopped at epoch 1: val/acc 0.1 below rung-1");
  }

  @Test
  public void shouldCountReportsAsTimeWhenAsked() {
    SweepController sweep = controller("time_attr", "reports");
    sweep.next();
    sweep.report(1, "val/acc", 50, 0.1);
    Decision second = sweep.report(1, "val/acc", 60, 0.2);

    assertThat(second.time()).isEqualTo(2);
  }

  @Test
  public void shouldRankByTheLastValueAndPickTheBestCompletedTrial() {
    SweepController sweep = controller("scheduler", "fifo", "max_t", null);
    for (int i = 0; i < 4; i++) {
      sweep.next();
    }
    sweep.report(1, "val/acc", 1, 0.95);
    sweep.report(2, "val/acc", 1, 0.7);
    sweep.report(3, "val/acc", 1, 0.8);
    sweep.end(1, 1);
    sweep.end(2, 0);
    sweep.end(3, 0);

    assertThat(sweep.leaderboard()).extracting(Trial::number).containsExactly(1, 3, 2, 4);
    assertThat(sweep.best()).get().extracting(Trial::number).isEqualTo(3);
  }

  @Test
  public void shouldSummariseComputeAgainstRunningEveryTrialToTheEnd() {
    SweepController sweep = controller();
    for (int i = 0; i < 4; i++) {
      sweep.next();
    }
    sweep.report(1, "val/acc", 1, 0.9);
    sweep.report(2, "val/acc", 1, 0.1);
    sweep.report(1, "val/acc", 9, 0.95);
    sweep.report(3, "val/acc", 3, 0.2);
    for (int i = 1; i <= 4; i++) {
      sweep.end(i, 0);
    }

    ComputeSummary compute = sweep.compute();

    assertThat(compute.used()).isEqualTo(9 + 1 + 3);
    assertThat(compute.budget()).isEqualTo(36);
    assertThat(compute.savedFraction()).isEqualTo(1 - 13 / 36.0);
    assertThat(compute.count(TrialStatus.STOPPED)).isEqualTo(1);
    assertThat(sweep.finished()).isTrue();
  }

  @Test
  public void shouldContinueAStoredSweepAfterTheControllerStopped() throws Exception {
    SweepStore store = new SweepStore(temp.getRoot().toPath().resolve("sweeps"));
    SweepController first = controller();
    Trial one = first.next().orElseThrow();
    first.next();
    first.report(1, "val/acc", 1, 0.8);
    first.report(2, "val/acc", 1, 0.3);
    first.end(2, 143);
    first.report(1, "val/acc", 2, 0.85);
    store.save(first.state());

    SweepController resumed = SweepController.resume(store.load("test").orElseThrow(), clock::get);

    Trial interrupted = resumed.trials().get(0);
    assertThat(interrupted.status()).isEqualTo(TrialStatus.INTERRUPTED);
    assertThat(interrupted.compute()).isEqualTo(2);
    assertThat(resumed.trials().get(1).status()).isEqualTo(TrialStatus.STOPPED);
    Trial again = resumed.next().orElseThrow();
    assertThat(again.number()).isEqualTo(1);
    assertThat(again.params()).isEqualTo(one.params());
    assertThat(again.attempts()).isEqualTo(2);
    // the lost attempt's record (0.8) is forgotten: trial 1 is judged at rung 1 again, against 0.3
    Decision rejudged = resumed.report(1, "val/acc", 1, 0.2);
    assertThat(rejudged.action()).isEqualTo(Decision.Action.STOP);
    assertThat(rejudged.reason()).contains("cutoff 0.3 (rank 2 of 2;");
  }

  @Test
  public void shouldWriteTheStateAtomicallyAndListStoredSweeps() throws Exception {
    SweepStore store = new SweepStore(temp.getRoot().toPath().resolve("sweeps"));
    SweepController sweep = controller();
    sweep.next();
    store.save(sweep.state());

    assertThat(store.names()).containsExactly("test");
    try (var files = Files.list(store.directory("test"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sweep.json");
    }
    SweepState loaded = store.load("test").orElseThrow();
    assertThat(loaded.spec()).isEqualTo(sweep.spec());
    assertThat(loaded.trials().get(0).params()).isEqualTo(sweep.trials().get(0).params());
    assertThat(store.load("other")).isEmpty();
  }

  @Test
  public void shouldNameAStoredStateItCannotRead() throws Exception {
    SweepStore store = new SweepStore(temp.getRoot().toPath().resolve("sweeps"));
    Files.createDirectories(store.directory("bad"));
    Files.writeString(
        store.directory("bad").resolve("sweep.json"), "{\"schema\": 1, \"trials\": [");

    assertThatThrownBy(() -> store.load("bad"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad/sweep.json:1:")
        .hasMessageContaining("not a readable sweep state");
  }

  @Test
  public void shouldRefuseUnknownSettingsAndBadValues() {
    assertThatThrownBy(() -> SweepSpec.fromMap("t", settings("trails", 3)))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("trails: unknown sweep setting; known: ");
    assertThatThrownBy(() -> SweepSpec.fromMap("t", settings("trials", 0)))
        .hasMessage("trials: give at least 1, got 0");
    assertThatThrownBy(() -> SweepSpec.fromMap("t", settings("mode", "maximum")))
        .hasMessage("mode: unknown mode 'maximum'; use max or min");
    assertThatThrownBy(() -> SweepSpec.fromMap("t", settings("metric", null)))
        .hasMessage("metric: name the metric to optimise, e.g. val/acc");
    assertThatThrownBy(() -> SweepSpec.fromMap("t", settings("space", "lr")))
        .hasMessage("space: give the search space as a map of parameter specifications");
    assertThatThrownBy(() -> SweepSpec.fromMap("no/slash", settings()))
        .hasMessageStartingWith("name: a sweep name has letters");
  }

  @Test
  public void shouldDefaultTheNumberOfTrialsToTheGridSize() {
    Map<String, Object> settings = settings();
    settings.remove("trials");
    settings.put("space", Map.of("bs", Map.of("grid", List.of(16, 32, 64))));

    assertThat(SweepSpec.fromMap("t", settings).trials()).isEqualTo(3);
  }
}
