package io.ctsuite.tracking.sweep.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class AshaPromotionsTest {
  private final AshaPromotions asha =
      new AshaPromotions(new Objective("val/acc", Mode.MAX), 27, 1, 3);

  @Test
  public void shouldHaveALevelPerRungAndOneForTheFullBudget() {
    assertThat(asha.budgets()).containsExactly(1, 3, 9, 27);
    assertThat(asha.topLevel()).isEqualTo(3);
  }

  @Test
  public void shouldStartNewTrialsUntilARungHasSomethingToPromote() {
    assertThat(asha.next()).isEqualTo(new AshaPromotions.Job(0, 0, 1));
    asha.record(1, 0, 0.5);
    asha.record(2, 0, 0.7);
    // ⌊2/3⌋ = 0: nothing to promote yet
    assertThat(asha.next().startsNewTrial()).isTrue();

    asha.record(3, 0, 0.6);

    assertThat(asha.next()).isEqualTo(new AshaPromotions.Job(2, 1, 3));
    assertThat(asha.next().startsNewTrial()).isTrue();
  }

  @Test
  public void shouldPromoteALateArrivalThatRankedLowWhenItCameIn() {
    // trial 1 arrives second-best of two; as worse results come in it reaches the top third
    asha.record(2, 0, 0.9);
    asha.record(1, 0, 0.8);
    asha.record(3, 0, 0.1);
    assertThat(asha.next().trial()).isEqualTo(2);
    asha.record(4, 0, 0.2);
    asha.record(5, 0, 0.3);
    asha.record(6, 0, 0.4);

    assertThat(asha.next()).isEqualTo(new AshaPromotions.Job(1, 1, 3));
  }

  @Test
  public void shouldPreferPromotionsFromHigherRungs() {
    for (int trial = 1; trial <= 6; trial++) {
      asha.record(trial, 0, trial / 10.0);
    }
    asha.record(6, 1, 0.9);
    asha.record(5, 1, 0.8);
    asha.record(4, 1, 0.7);

    assertThat(asha.next()).isEqualTo(new AshaPromotions.Job(6, 2, 9));
  }

  @Test
  public void shouldExplainWhyATrialWasNotPromoted() {
    asha.record(1, 0, 0.9);
    asha.record(2, 0, 0.8);
    asha.record(3, 0, 0.7);

    assertThat(asha.explainUnpromoted(3, "epoch"))
        .isEqualTo(
            "not promoted past epoch 1: val/acc 0.7 ranks 3 of 3 at that rung; the top 1 were"
                + " promoted");
  }
}
