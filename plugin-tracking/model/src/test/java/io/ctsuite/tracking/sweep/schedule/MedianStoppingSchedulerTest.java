package io.ctsuite.tracking.sweep.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.core.Json;
import org.junit.Test;

public class MedianStoppingSchedulerTest {
  private final Objective accuracy = new Objective("val/acc", Mode.MAX);

  private MedianStoppingScheduler median() {
    return new MedianStoppingScheduler(accuracy, "epoch", Double.POSITIVE_INFINITY, 2, 3);
  }

  /** Three trials whose running averages at epoch 2 are 0.5, 0.6 and 0.7. */
  private static void threeOthers(TrialScheduler scheduler) {
    double[][] curves = {{0.4, 0.6}, {0.5, 0.7}, {0.6, 0.8}};
    for (int trial = 1; trial <= 3; trial++) {
      for (int epoch = 1; epoch <= 2; epoch++) {
        scheduler.onReport(trial, epoch, curves[trial - 1][epoch - 1]);
      }
    }
  }

  @Test
  public void shouldStopATrialWhoseBestIsBelowTheMedianOfTheOthersRunningAverages() {
    MedianStoppingScheduler median = median();
    threeOthers(median);
    median.onReport(4, 1, 0.3);

    Decision decision = median.onReport(4, 2, 0.55);

    assertThat(decision.action()).isEqualTo(Decision.Action.STOP);
    assertThat(decision.cutoff()).isEqualTo(0.6);
    assertThat(decision.explain())
        .isEqualTo(
            "trial 4 stopped at epoch 2: best val/acc 0.55 below the median 0.6 of the running"
                + " averages of 3 other trials at this epoch");
  }

  @Test
  public void shouldLetATrialAtOrAboveTheMedianContinue() {
    MedianStoppingScheduler median = median();
    threeOthers(median);
    median.onReport(4, 1, 0.61);

    assertThat(median.onReport(4, 2, 0.2).action()).isEqualTo(Decision.Action.CONTINUE);
  }

  @Test
  public void shouldWaitForTheGracePeriodAndEnoughOtherTrials() {
    MedianStoppingScheduler median = median();
    median.onReport(1, 1, 0.9);
    median.onReport(1, 2, 0.9);
    median.onReport(2, 1, 0.9);
    median.onReport(2, 2, 0.9);
    // before the grace period
    assertThat(median.onReport(3, 1, 0.1).action()).isEqualTo(Decision.Action.CONTINUE);
    // only two others got to epoch 2
    assertThat(median.onReport(3, 2, 0.1).action()).isEqualTo(Decision.Action.CONTINUE);
  }

  @Test
  public void shouldCompareOnlyWithTrialsThatGotAsFar() {
    MedianStoppingScheduler median = median();
    threeOthers(median);
    // a fourth trial that stopped at epoch 1 does not count at epoch 2
    median.onReport(5, 1, 0.0);
    median.onReport(4, 1, 0.3);

    assertThat(median.onReport(4, 2, 0.65).action()).isEqualTo(Decision.Action.CONTINUE);
  }

  @Test
  public void shouldDecideAfterARestoreExactlyAsWithoutOne() throws Exception {
    MedianStoppingScheduler original = median();
    threeOthers(original);
    original.onReport(4, 1, 0.3);
    MedianStoppingScheduler restored = median();
    restored.restore(Json.mapper().readTree(Json.mapper().writeValueAsString(original.snapshot())));

    assertThat(restored.onReport(4, 2, 0.55)).isEqualTo(original.onReport(4, 2, 0.55));
  }
}
