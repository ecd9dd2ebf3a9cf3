package io.ctsuite.tracking.sweep.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.core.Json;
import org.junit.Test;

public class AshaSchedulerTest {
  private final Objective accuracy = new Objective("val/acc", Mode.MAX);

  private AshaScheduler asha(double maxT, double grace, int eta) {
    return new AshaScheduler(accuracy, "epoch", maxT, grace, eta);
  }

  @Test
  public void shouldPlaceRungsAtTheGracePeriodTimesPowersOfTheReductionFactor() {
    assertThat(asha(81, 1, 3).milestones()).containsExactly(1, 3, 9, 27);
    assertThat(asha(100, 1, 4).milestones()).containsExactly(1, 4, 16, 64);
    assertThat(asha(10, 4, 2).milestones()).containsExactly(4, 8);
  }

  @Test
  public void shouldLetTheFirstResultAtARungContinue() {
    Decision decision = asha(81, 1, 3).onReport(1, 1, 0.2);

    assertThat(decision.action()).isEqualTo(Decision.Action.CONTINUE);
    assertThat(decision.explain())
        .isEqualTo("trial 1 passed rung-1 at epoch 1: val/acc 0.2, the first result at this rung");
  }

  @Test
  public void shouldKeepOnlyTheTopFractionOfEachRungAsResultsArrive() {
    AshaScheduler asha = asha(81, 4, 3);
    asha.onReport(1, 4, 0.50);
    // 2 results: the top ⌈2/3⌉ = 1 continues
    Decision second = asha.onReport(2, 4, 0.40);
    Decision third = asha.onReport(3, 4, 0.60);
    // 4 results: the top 2 continue; 0.55 ranks 2nd of 4
    Decision fourth = asha.onReport(4, 4, 0.55);
    Decision fifth = asha.onReport(5, 4, 0.52);

    assertThat(second.action()).isEqualTo(Decision.Action.STOP);
    assertThat(second.explain())
        .isEqualTo(
            "trial 2 stopped at epoch 4: val/acc 0.4 below rung-4 cutoff 0.5"
                + " (rank 2 of 2; the top 1 continue, 1/3)");
    assertThat(third.action()).isEqualTo(Decision.Action.CONTINUE);
    assertThat(third.explain())
        .isEqualTo(
            "trial 3 passed rung-4 at epoch 4: val/acc 0.6 ≥ cutoff 0.6 (rank 1 of 3; the top 1"
                + " continue, 1/3)");
    assertThat(fourth.action()).isEqualTo(Decision.Action.CONTINUE);
    assertThat(fourth.cutoff()).isEqualTo(0.55);
    assertThat(fifth.action()).isEqualTo(Decision.Action.STOP);
    assertThat(fifth.cutoff()).isEqualTo(0.55);
  }

  @Test
  public void shouldDecideOnlyOncePerRungAndAgainAtTheNext() {
    AshaScheduler asha = asha(81, 1, 3);
    asha.onReport(1, 1, 0.9);
    assertThat(asha.onReport(2, 1, 0.1).action()).isEqualTo(Decision.Action.STOP);

    asha.onReport(3, 1, 0.95);
    // further reports of trial 3 before the next rung are not judged
    assertThat(asha.onReport(3, 2, 0.01).noteworthy()).isFalse();
    Decision atNextRung = asha.onReport(3, 3, 0.5);
    assertThat(atNextRung.rung()).isEqualTo(3);
    assertThat(atNextRung.reason()).contains("the first result at this rung");
  }

  @Test
  public void shouldRecordATrialThatSkipsRungsAtTheHighestOneItPassed() {
    AshaScheduler asha = asha(81, 1, 3);
    Decision decision = asha.onReport(1, 10, 0.7);

    assertThat(decision.rung()).isEqualTo(9);
    assertThat(asha.recordedAt(2)).containsOnlyKeys(1);
    assertThat(asha.recordedAt(0)).isEmpty();
  }

  @Test
  public void shouldCompleteATrialThatReachesMaxT() {
    Decision decision = asha(27, 1, 3).onReport(1, 27, 0.8);

    assertThat(decision.action()).isEqualTo(Decision.Action.COMPLETE);
    assertThat(decision.explain())
        .isEqualTo("trial 1 completed at epoch 27: reached max_t 27 with val/acc 0.8");
  }

  @Test
  public void shouldStopTheLargerLossWhenMinimising() {
    AshaScheduler asha = new AshaScheduler(new Objective("val/loss", Mode.MIN), "step", 9, 1, 3);
    asha.onReport(1, 1, 0.3);

    Decision worse = asha.onReport(2, 1, 0.9);

    assertThat(worse.action()).isEqualTo(Decision.Action.STOP);
    assertThat(worse.reason()).contains("val/loss 0.9 above rung-1 cutoff 0.3");
    assertThat(asha.onReport(3, 1, 0.1).action()).isEqualTo(Decision.Action.CONTINUE);
  }

  @Test
  public void shouldTreatADivergedTrialAsTheWorst() {
    AshaScheduler asha = asha(9, 1, 3);
    asha.onReport(1, 1, 0.1);

    Decision diverged = asha.onReport(2, 1, Double.NaN);

    assertThat(diverged.action()).isEqualTo(Decision.Action.STOP);
    assertThat(diverged.reason()).contains("val/acc NaN below rung-1 cutoff 0.1");
  }

  @Test
  public void shouldDecideAfterARestoreExactlyAsWithoutOne() throws Exception {
    AshaScheduler original = asha(81, 1, 3);
    original.onReport(1, 1, 0.5);
    original.onReport(2, 1, 0.7);
    original.onReport(2, 3, Double.NaN);
    String saved = Json.mapper().writeValueAsString(original.snapshot());

    AshaScheduler restored = asha(81, 1, 3);
    restored.restore(Json.mapper().readTree(saved));

    assertThat(restored.recordedAt(0))
        .containsExactly(java.util.Map.entry(1, 0.5), java.util.Map.entry(2, 0.7));
    assertThat(restored.recordedAt(1)).containsOnlyKeys(2);
    assertThat(restored.recordedAt(1).get(2)).isNaN();
    assertThat(restored.onReport(3, 1, 0.6)).isEqualTo(original.onReport(3, 1, 0.6));
  }

  @Test
  public void shouldLetATrialThatStartsAgainEarnItsRungsAnew() {
    AshaScheduler asha = asha(81, 1, 3);
    asha.onReport(1, 1, 0.5);
    asha.forget(1);

    assertThat(asha.recordedAt(0)).isEmpty();
    assertThat(asha.onReport(1, 1, 0.4).reason()).contains("the first result at this rung");
  }

  @Test
  public void shouldDescribeItsRungs() {
    assertThat(asha(81, 1, 3).describe())
        .isEqualTo(
            "ASHA: rungs at epoch 1, 3, 9, 27; max_t 81; grace period 1; the top 1/3 of each rung"
                + " continue");
  }
}
