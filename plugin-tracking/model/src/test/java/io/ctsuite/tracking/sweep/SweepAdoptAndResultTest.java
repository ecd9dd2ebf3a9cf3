package io.ctsuite.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.tracking.sweep.schedule.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What the Jenkins step relies on: a sweep taken over after a controller restart keeps its running
 * trials (their Pipeline branches survive), a failed branch is recorded with its reason, and the
 * outcome comes as plain values.
 */
public class SweepAdoptAndResultTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final AtomicLong clock = new AtomicLong(1_000);

  private SweepController controller(Object... more) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("space", Map.of("lr", Map.of("grid", List.of(0.1, 0.01, 0.001, 0.0001))));
    settings.put("parallel", 2);
    settings.put("metric", "val/acc");
    settings.put("scheduler", "asha");
    settings.put("max_t", 9);
    settings.put("reduction_factor", 3);
    for (int i = 0; i < more.length; i += 2) {
      settings.put((String) more[i], more[i + 1]);
    }
    return SweepController.start(SweepSpec.fromMap("adopt", settings), clock::get);
  }

  @Test
  public void shouldKeepRunningTrialsAndTheirRungRecordsWhenAdopted() {
    SweepStore store = new SweepStore(temp.getRoot().toPath().resolve("sweeps"));
    SweepController first = controller();
    first.next();
    first.next();
    first.report(1, "val/acc", 1, 0.8);
    first.report(2, "val/acc", 1, 0.3);
    first.end(2, 143);
    first.report(1, "val/acc", 2, 0.85);
    store.save(first.state());

    SweepController adopted = SweepController.adopt(store.load("adopt").orElseThrow(), clock::get);

    Trial running = adopted.trials().get(0);
    assertThat(running.status()).isEqualTo(TrialStatus.RUNNING);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(running.reports()).isEqualTo(2);
    assertThat(running.lastValue()).isEqualTo(0.85);
    // trial 1 goes on where it was: the next trial handed out is a new one, not trial 1 again
    assertThat(adopted.next().orElseThrow().number()).isEqualTo(3);
    // and the scheduler still knows rung 1 (0.8 and 0.3): trial 3 at 0.5 is below the top third
    Decision third = adopted.report(3, "val/acc", 1, 0.5);
    assertThat(third.action()).isEqualTo(Decision.Action.STOP);
    assertThat(third.reason()).contains("cutoff 0.8 (rank 2 of 3;");
    // and reports of the adopted trial keep counting
    assertThat(adopted.report(1, "val/acc", 3, 0.9)).isNotNull();
    assertThat(adopted.trials().get(0).reports()).isEqualTo(3);
  }

  @Test
  public void shouldRecordAFailedBranchWithItsReasonUnlessTheSchedulerHadStoppedIt() {
    SweepController sweep = controller();
    sweep.next();
    sweep.next();
    sweep.report(1, "val/acc", 1, 0.8);
    sweep.report(2, "val/acc", 1, 0.3);

    Trial failed = sweep.fail(1, "failed: script returned exit code 2");
    Trial stopped = sweep.fail(2, "aborted");

    assertThat(failed.status()).isEqualTo(TrialStatus.FAILED);
    assertThat(failed.reason()).isEqualTo("failed: script returned exit code 2");
    assertThat(stopped.status()).isEqualTo(TrialStatus.STOPPED);
    assertThat(stopped.reason()).startsWith("stopped at step 1: val/acc 0.3 below rung-1 cutoff");
    // an ended trial stays as it ended
    assertThat(sweep.fail(1, "again").reason()).isEqualTo("failed: script returned exit code 2");
  }

  @Test
  public void shouldGiveTheOutcomeAsPlainValuesWithASummarySentence() {
    SweepController sweep = controller();
    for (int i = 0; i < 4; i++) {
      sweep.next();
    }
    sweep.report(1, "val/acc", 1, 0.8);
    sweep.report(2, "val/acc", 1, 0.3);
    sweep.end(2, 143);
    sweep.report(1, "val/acc", 9, 0.9);
    sweep.end(1, 0);
    sweep.report(3, "val/acc", 1, Double.NaN);
    sweep.end(3, 143);
    sweep.fail(4, "failed: out of memory");

    SweepResult result = SweepResult.of(sweep.state());
    Map<String, Object> map = result.toMap();

    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) map.get("best");
    assertThat(best)
        .containsEntry("number", 1)
        .containsEntry("status", "completed")
        .containsEntry("value", 0.9)
        .containsEntry("params", Map.of("lr", 0.1))
        .doesNotContainKey("rank");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> board = (List<Map<String, Object>>) map.get("leaderboard");
    assertThat(board).extracting(t -> t.get("number")).containsExactly(1, 2, 3, 4);
    assertThat(board).extracting(t -> t.get("rank")).containsExactly(1, 2, 3, null);
    // NaN is no value for a Jenkinsfile or a JSON reader
    assertThat(board.get(2)).containsEntry("value", null).containsEntry("status", "stopped");
    assertThat(board.get(3)).containsEntry("reason", "failed: out of memory");
    @SuppressWarnings("unchecked")
    Map<String, Object> compute = (Map<String, Object>) map.get("compute");
    assertThat(compute)
        .containsEntry("unit", "step")
        .containsEntry("used", 11.0)
        .containsEntry("budget", 36.0)
        .containsEntry("counts", Map.of("completed", 1, "stopped", 2, "failed", 1));
    assertThat((Double) compute.get("saved")).isEqualTo(1 - 11 / 36.0);
    assertThat(map.get("summary"))
        .isEqualTo(
            "Best: trial 1, val/acc 0.9 (lr=0.1); 69 % of the compute saved;"
                + " 4 of 4 trials: 1 completed, 2 stopped, 1 failed.");
  }

  @Test
  public void shouldSaySoWhenNoTrialReportedTheMetric() {
    SweepController sweep = controller("scheduler", "fifo", "max_t", null);
    sweep.next();
    sweep.end(1, 0);

    SweepResult result = SweepResult.of(sweep.state());

    assertThat(result.best()).isEmpty();
    assertThat(result.toMap()).containsEntry("best", null);
    assertThat(result.summary())
        .isEqualTo(
            "No trial reported val/acc; there is no best configuration; 1 of 4 trials: 1 completed.");
  }
}
