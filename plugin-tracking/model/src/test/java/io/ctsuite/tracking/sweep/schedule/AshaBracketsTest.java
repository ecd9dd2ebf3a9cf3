package io.ctsuite.tracking.sweep.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** ASHA hedged over several brackets (Hyperband), and rungs that compare more than one report. */
public class AshaBracketsTest {
  private final Objective accuracy = new Objective("val/acc", Mode.MAX);

  private AshaScheduler asha(int brackets, RungValue value) {
    return new AshaScheduler(accuracy, "epoch", 81, 1, 3, brackets, value);
  }

  /** The first trial numbers dealt to {@code bracket}. */
  private static List<Integer> trialsOf(AshaScheduler asha, int bracket, int count) {
    List<Integer> trials = new ArrayList<>();
    for (int t = 1; trials.size() < count; t++) {
      if (asha.bracketOf(t) == bracket) {
        trials.add(t);
      }
    }
    return trials;
  }

  @Test
  public void shouldStartEachBracketsDecisionsOneRungLaterAndEndWithOneThatNeverStops() {
    AshaScheduler asha = asha(5, RungValue.last());

    assertThat(asha.milestones(0)).containsExactly(1, 3, 9, 27);
    assertThat(asha.milestones(1)).containsExactly(3, 9, 27);
    assertThat(asha.milestones(2)).containsExactly(9, 27);
    assertThat(asha.milestones(3)).containsExactly(27);
    assertThat(asha.milestones(4)).isEmpty();
    assertThat(AshaScheduler.maxBrackets(81, 1, 3)).isEqualTo(5);
  }

  @Test
  public void shouldGiveEachBracketAboutTheSameCompute() {
    AshaScheduler asha = asha(5, RungValue.last());
    int[] count = new int[5];
    for (int t = 1; t <= 2000; t++) {
      count[asha.bracketOf(t)]++;
    }

    // a bracket's expected compute: its trials times what successive halving spends on each
    double[] compute = new double[5];
    for (int b = 0; b < 5; b++) {
      compute[b] = count[b] * AshaScheduler.expectedCost(asha.milestones(b), 81, 3);
    }
    for (int b = 1; b < 5; b++) {
      assertThat(compute[b] / compute[0]).isBetween(0.97, 1.03);
    }
    // the more aggressive the bracket, the more (cheaper) trials it gets
    assertThat(count[0]).isGreaterThan(count[1]);
    assertThat(count[3]).isGreaterThan(count[4]).isPositive();
  }

  @Test
  public void shouldDealATrialToTheSameBracketWhateverTheOrderOfQuestions() {
    AshaScheduler inOrder = asha(3, RungValue.last());
    List<Integer> expected = new ArrayList<>();
    for (int t = 1; t <= 60; t++) {
      expected.add(inOrder.bracketOf(t));
    }

    AshaScheduler resumed = asha(3, RungValue.last());
    // a resumed sweep may first hear of trial 60
    int late = resumed.bracketOf(60);
    List<Integer> again = new ArrayList<>();
    for (int t = 1; t <= 60; t++) {
      again.add(resumed.bracketOf(t));
    }

    assertThat(again).isEqualTo(expected);
    assertThat(late).isEqualTo(expected.get(59));
    // every bracket gets trials early on, not only after a long run of the first one
    assertThat(expected.subList(0, 12)).contains(0, 1, 2);
  }

  @Test
  public void shouldNeverStopATrialOfTheBracketWithoutRungs() {
    AshaScheduler asha = asha(5, RungValue.last());
    int fifo = trialsOf(asha, 4, 1).get(0);
    for (int t = 1; t < fifo; t++) {
      for (int epoch = 1; epoch <= 27; epoch++) {
        asha.onReport(t, epoch, 0.9);
      }
    }

    for (int epoch = 1; epoch < 81; epoch++) {
      assertThat(asha.onReport(fifo, epoch, 0.01).action()).isEqualTo(Decision.Action.CONTINUE);
    }
    assertThat(asha.onReport(fifo, 81, 0.01).action()).isEqualTo(Decision.Action.COMPLETE);
  }

  @Test
  public void shouldCompareATrialOnlyWithTheTrialsOfItsBracket() {
    AshaScheduler asha = asha(2, RungValue.last());
    List<Integer> aggressive = trialsOf(asha, 0, 2);
    int patient = trialsOf(asha, 1, 1).get(0);
    asha.onReport(aggressive.get(0), 1, 0.9);
    asha.onReport(aggressive.get(0), 3, 0.9);

    // behind the first bracket's result at epoch 3, but the first of its own bracket there
    Decision slow = asha.onReport(patient, 3, 0.2);
    Decision aggressiveSlow = asha.onReport(aggressive.get(1), 1, 0.2);

    assertThat(slow.action()).isEqualTo(Decision.Action.CONTINUE);
    assertThat(slow.reason())
        .isEqualTo(
            "passed rung-3 at epoch 3 (bracket 2 of 2): val/acc 0.2, the first result at this"
                + " rung");
    assertThat(aggressiveSlow.action()).isEqualTo(Decision.Action.STOP);
    assertThat(aggressiveSlow.reason()).contains("(bracket 1 of 2)", "below rung-1 cutoff 0.9");
  }

  @Test
  public void shouldJudgeTheBestValueSoFarWhenAsked() {
    AshaScheduler last = new AshaScheduler(accuracy, "epoch", 27, 3, 3);
    AshaScheduler best = new AshaScheduler(accuracy, "epoch", 27, 3, 3, 1, best());
    for (AshaScheduler asha : List.of(last, best)) {
      asha.onReport(1, 3, 0.6);
      asha.onReport(2, 1, 0.2);
      asha.onReport(2, 2, 0.7); // a good epoch, then a dip exactly at the rung
    }

    Decision onLast = last.onReport(2, 3, 0.5);
    Decision onBest = best.onReport(2, 3, 0.5);

    assertThat(onLast.action()).isEqualTo(Decision.Action.STOP);
    assertThat(onBest.action()).isEqualTo(Decision.Action.CONTINUE);
    assertThat(onBest.reason()).contains("val/acc 0.7 (best so far) ≥ cutoff 0.7");
    // the report itself is still the one at the rung
    assertThat(onBest.value()).isEqualTo(0.5);
  }

  @Test
  public void shouldJudgeTheMeanOfTheLastReportsWhenAsked() {
    AshaScheduler asha =
        new AshaScheduler(accuracy, "epoch", 27, 3, 3, 1, new RungValue(RungValue.MEAN, 2));
    asha.onReport(1, 3, 0.6);
    asha.onReport(2, 1, 0.9); // outside the window of 2: forgotten by the rung
    asha.onReport(2, 2, 0.64);

    Decision lucky = asha.onReport(2, 3, 0.58);

    // 0.58 alone would lose to 0.6; the mean of 0.64 and 0.58 (0.61) wins
    assertThat(lucky.action()).isEqualTo(Decision.Action.CONTINUE);
    assertThat(lucky.reason()).contains("val/acc 0.61 (mean of the last 2 reports)");
  }

  @Test
  public void shouldDecideAfterARestoreExactlyAsWithoutOne() throws Exception {
    AshaScheduler original = asha(3, new RungValue(RungValue.MEAN, 3));
    for (int t = 1; t <= 12; t++) {
      for (int epoch = 1; epoch <= t % 5 + 1; epoch++) {
        original.onReport(t, epoch, 0.1 * (t % 7) + 0.01 * epoch);
      }
    }
    String saved = Json.mapper().writeValueAsString(original.snapshot());

    AshaScheduler restored = asha(3, new RungValue(RungValue.MEAN, 3));
    restored.restore(Json.mapper().readTree(saved));

    for (int t = 1; t <= 14; t++) {
      assertThat(restored.onReport(t, 9, 0.3)).isEqualTo(original.onReport(t, 9, 0.3));
    }
    assertThat(Json.mapper().writeValueAsString(restored.snapshot()))
        .isEqualTo(Json.mapper().writeValueAsString(original.snapshot()));
  }

  @Test
  public void shouldReadTheStateOfPlainAshaIntoTheFirstBracket() throws Exception {
    AshaScheduler plain = new AshaScheduler(accuracy, "epoch", 81, 1, 3);
    plain.onReport(1, 1, 0.5);

    AshaScheduler hedged = asha(2, RungValue.last());
    hedged.restore(Json.mapper().readTree(Json.mapper().writeValueAsString(plain.snapshot())));

    assertThat(hedged.recordedAt(0, 0)).containsOnlyKeys(1);
  }

  @Test
  public void shouldDescribeItsBracketsAndRungValue() {
    assertThat(asha(3, new RungValue(RungValue.MEAN, 4)).describe())
        .contains("3 brackets with equal compute (bracket 1, ", " % of the trials: 1, 3, 9, 27; ")
        .contains(
            "bracket 2, ", " % of the trials: 3, 9, 27; bracket 3, ", " % of the trials: 9, 27)")
        .endsWith("; rungs compare the mean of each trial's last 4 reports");
    assertThat(asha(5, RungValue.last()).describe()).contains("(none: runs to max_t)");
  }

  @Test
  public void shouldRefuseMoreBracketsThanRungsAllow() {
    assertThatThrownBy(() -> asha(6, RungValue.last()))
        .isInstanceOf(InputException.class)
        .hasMessage("brackets: give 1 to 5 (one more than the rungs below max_t 81), got 6");
    assertThatThrownBy(() -> new RungValue("median", 3))
        .hasMessage("rung_value: unknown value 'median'; use last, best or mean");
    assertThatThrownBy(() -> new RungValue("mean", 0))
        .hasMessage("rung_window: must be at least 1, got 0");
  }

  private AshaScheduler adaptive() {
    return new AshaScheduler(accuracy, "epoch", 81, 1, 3, 5, RungValue.last(), true);
  }

  /**
   * Trials 1 to {@code count} run to the end, ranked in reverse at epoch 1 and in order from epoch
   * 3 on (the scheduler's decisions are ignored: only the values matter here).
   */
  private static void completeTrialsThatFlipAfterEpochOne(AshaScheduler asha, int count) {
    for (int trial = 1; trial <= count; trial++) {
      double i = trial;
      asha.onReport(trial, 1, 1.0 - 0.01 * i);
      for (int epoch = 3; epoch <= 81; epoch++) {
        asha.onReport(trial, epoch, 0.01 * i + epoch * 1e-4);
      }
    }
  }

  @Test
  public void shouldStopFeedingABracketWhoseFirstRungRanksTheCompletedTrialsBackwards() {
    AshaScheduler asha = adaptive();
    assertThat(asha.reliability(0)).isEqualTo(1); // nothing known yet: Hyperband's shares
    double[] before = asha.currentShares();

    completeTrialsThatFlipAfterEpochOne(asha, AshaScheduler.MIN_PAIRS);

    assertThat(asha.reliability(0)).isEqualTo(-1);
    assertThat(asha.reliability(1)).isEqualTo(1);
    assertThat(asha.reliability(4)).isEqualTo(1);
    double[] after = asha.currentShares();
    assertThat(after[0]).isZero();
    assertThat(after[1]).isGreaterThan(before[1]);
    // no trial dealt from now on lands in the bracket that decides at epoch 1
    int first = AshaScheduler.MIN_PAIRS + 1;
    for (int t = first; t < first + 40; t++) {
      assertThat(asha.bracketOf(t)).isNotZero();
    }
  }

  @Test
  public void shouldKeepTheAdaptiveDealAcrossARestore() throws Exception {
    AshaScheduler original = adaptive();
    completeTrialsThatFlipAfterEpochOne(original, AshaScheduler.MIN_PAIRS);
    original.bracketOf(9); // trials 7 to 9 dealt with what is known now
    String saved = Json.mapper().writeValueAsString(original.snapshot());

    AshaScheduler restored = adaptive();
    restored.restore(Json.mapper().readTree(saved));

    for (int t = 1; t <= 20; t++) {
      assertThat(restored.bracketOf(t)).as("trial %d", t).isEqualTo(original.bracketOf(t));
    }
    assertThat(restored.bracketOf(10)).isNotZero();
    assertThat(restored.reliability(0)).isEqualTo(-1);
    assertThat(restored.describe()).contains("dealt by how well each bracket's first rung");
  }

  private static RungValue best() {
    return new RungValue(RungValue.BEST, 3);
  }
}
