package io.ctsuite.tracking.sweep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.core.Progress;
import io.ctsuite.tracking.sweep.schedule.AshaScheduler;
import io.ctsuite.tracking.sweep.schedule.SchedulerSpec;
import io.ctsuite.tracking.sweep.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.Test;

public class SweepBenchmarkTest {
  private static SweepBenchmark.Settings settings(String family, int seeds) {
    return new SweepBenchmark.Settings(81, 4, 81, 1, 3, "asha", 1, seeds, List.of(family));
  }

  @Test
  public void shouldRunEveryTrialToTheEndUnderFifo() {
    SweepSimulator simulator = new SweepSimulator(CurveFamilies.named("power-law"), 20, 3, 27, 7);

    SweepSimulator.Outcome fifo = simulator.run(SchedulerSpec.fifo(27));

    assertThat(fifo.compute()).isEqualTo(20 * 27);
    assertThat(fifo.completedCount()).isEqualTo(20);
  }

  @Test
  public void shouldRunSuccessiveHalvingsBudgetWithThePromotionForm() {
    SweepSimulator simulator = new SweepSimulator(CurveFamilies.named("crossing"), 81, 4, 81, 2);

    SweepSimulator.Outcome promotions = simulator.runPromotions(1, 3);

    // every trial stops exactly at a rung and no epoch is run twice (resumed, not restarted)
    long sum = 0;
    for (int i = 0; i < 81; i++) {
      assertThat(promotions.epochs()[i]).isIn(1, 3, 9, 27, 81);
      assertThat(promotions.completed()[i]).isEqualTo(promotions.epochs()[i] == 81);
      sum += promotions.epochs()[i];
    }
    assertThat(promotions.compute()).isEqualTo(sum);
    // at least successive halving's 81 + 27·2 + 9·6 + 3·18 + 54 epochs: asynchronous promotions
    // also promote trials that later drop out of a rung's top third (the paper's mispromotions)
    assertThat(promotions.compute()).isBetween(297L, 81L * 81 / 2);
    assertThat(promotions.completedCount()).isPositive();
  }

  @Test
  public void shouldGiveTheSameResultsForTheSameSeed() throws Exception {
    SweepBenchmark.Report first = SweepBenchmark.run(settings("crossing", 2), Progress.NONE);
    SweepBenchmark.Report again = SweepBenchmark.run(settings("crossing", 2), Progress.NONE);

    assertThat(Json.mapper().writeValueAsString(again))
        .isEqualTo(Json.mapper().writeValueAsString(first));
    SweepBenchmark.Report otherSeed =
        SweepBenchmark.run(
            new SweepBenchmark.Settings(81, 4, 81, 1, 3, "asha", 9, 2, List.of("crossing")),
            Progress.NONE);
    assertThat(otherSeed.families().get(0).runs().get(0).bestBaseline())
        .isNotEqualTo(first.families().get(0).runs().get(0).bestBaseline());
  }

  @Test
  public void shouldKeepTheWinnerWithAFractionOfTheComputeWhenCurvesDoNotCross() {
    SweepBenchmark.FamilyResult powerLaw =
        SweepBenchmark.run(settings("power-law", 3), Progress.NONE).families().get(0);

    assertThat(powerLaw.passed()).isTrue();
    for (SweepBenchmark.Run run : powerLaw.runs()) {
      assertThat(run.computeSweep()).isLessThanOrEqualTo(run.computeBaseline() / 2);
      assertThat(run.bestGap()).isLessThanOrEqualTo(run.noise());
      assertThat(run.winnerFate()).isEqualTo("kept to the end");
    }
  }

  @Test
  public void shouldReportAFailureAndWhyWhenTheWinnerStartsSlowest() {
    // the better a trial ends, the slower it learns: the worst case for early stopping
    CurveFamily lateBloomers =
        new CurveFamily() {
          @Override
          public String name() {
            return "late-bloomers";
          }

          @Override
          public String description() {
            return "the slower, the better";
          }

          @Override
          public double noise() {
            return 0.001;
          }

          @Override
          public SearchSpace space() {
            return CurveFamilies.named("power-law").space();
          }

          @Override
          public LearningCurve curve(Map<String, Object> params, SplittableRandom random) {
            double slowness = (Double) params.get("weight_decay") * 100; // 1e-4 .. 1
            return epoch -> (0.5 + 0.4 * slowness) * (1 - Math.exp(-epoch / (1 + 30 * slowness)));
          }
        };

    SweepBenchmark.Run run = SweepBenchmark.runOne(lateBloomers, settings("power-law", 1), 3);

    assertThat(run.passed()).isFalse();
    assertThat(run.bestGap()).isGreaterThan(run.noise());
    assertThat(run.winnerFate()).startsWith("stopped at epoch ").contains("below rung-");
  }

  @Test
  public void shouldShowHowOtherGracePeriodsTradeComputeForQuality() {
    SweepBenchmark.Report report = SweepBenchmark.run(settings("step-decay", 1), Progress.NONE);

    List<Double> graces = new ArrayList<>();
    List<Integer> brackets = new ArrayList<>();
    report.sensitivity().forEach(s -> graces.add(s.gracePeriod()));
    report.sensitivity().forEach(s -> brackets.add(s.brackets()));
    assertThat(graces).containsExactly(3.0, 9.0, 27.0, 1.0, 1.0, 1.0, 1.0);
    // the grace periods keep the measured single bracket; then every other number of brackets
    assertThat(brackets).containsExactly(1, 1, 1, 2, 3, 4, 5);
    double savedAtOne = report.families().get(0).meanComputeSaved();
    double savedAt27 = report.sensitivity().get(2).families().get(0).meanComputeSaved();
    assertThat(savedAt27).isLessThan(savedAtOne);
    // hedging spends compute on trials that run longer before they are judged
    double savedWithAll = report.sensitivity().get(6).families().get(0).meanComputeSaved();
    assertThat(savedWithAll).isLessThan(savedAtOne);
  }

  @Test
  public void shouldRunEveryTrialOfTheBracketWithoutRungsToTheEnd() {
    SweepSimulator simulator = new SweepSimulator(CurveFamilies.named("step-decay"), 81, 4, 81, 3);
    SchedulerSpec hedged = new SchedulerSpec("asha", "epoch", 81, 1, 3, 3, 5, "last", 3, "fixed");
    AshaScheduler deal = (AshaScheduler) hedged.create(SweepSimulator.OBJECTIVE);

    SweepSimulator.Outcome outcome = simulator.run(hedged);

    int inLastBracket = 0;
    for (int i = 0; i < 81; i++) {
      if (deal.bracketOf(i + 1) == 4) {
        inLastBracket++;
        assertThat(outcome.completed()[i]).as("trial %d", i + 1).isTrue();
      }
    }
    assertThat(inLastBracket).isPositive();
    assertThat(outcome.compute())
        .isGreaterThan(simulator.run(SchedulerSpec.asha(81, 1, 3)).compute());
  }

  @Test
  public void shouldMeasureTheGivenBracketsAndRungValue() {
    SweepBenchmark.Settings settings =
        new SweepBenchmark.Settings(
            81, 4, 81, 1, 3, "asha", 1, 1, List.of("noisy"), 3, "mean", 2, "fixed");

    SweepBenchmark.Report report = SweepBenchmark.run(settings, Progress.NONE);

    assertThat(report.schedulerDescription())
        .contains("3 brackets with equal compute", "mean of each trial's last 2 reports");
    assertThat(report.settings().brackets()).isEqualTo(3);
    assertThat(SweepBenchmark.Settings.defaults().brackets()).isEqualTo(5);
  }

  @Test
  public void shouldSpendMoreToKeepTheWinnerWhenTheDealFollowsTheRungsRecord() {
    // step-decay: every rung before epoch 40 ranks the trials against their final order
    SweepBenchmark.Settings fixed =
        new SweepBenchmark.Settings(
            81, 4, 81, 1, 3, "asha", 1, 3, List.of("step-decay"), 5, "last", 3, "fixed");
    SweepBenchmark.Settings adaptive =
        new SweepBenchmark.Settings(
            81, 4, 81, 1, 3, "asha", 1, 3, List.of("step-decay"), 5, "last", 3, "adaptive");

    SweepBenchmark.FamilyResult onFixed =
        SweepBenchmark.run(fixed, Progress.NONE).families().get(0);
    SweepBenchmark.FamilyResult onAdaptive =
        SweepBenchmark.run(adaptive, Progress.NONE).families().get(0);

    // the misleading early brackets are starved: more compute, a smaller gap to the winner
    assertThat(onAdaptive.meanComputeSaved()).isLessThan(onFixed.meanComputeSaved());
    assertThat(onAdaptive.worstBestGap()).isLessThan(onFixed.worstBestGap());
  }

  /** Curves whose ranking flips at {@code flip}: before it, the better the final, the lower. */
  private static CurveFamily flippingAt(int flip) {
    return new CurveFamily() {
      @Override
      public String name() {
        return "flip";
      }

      @Override
      public String description() {
        return "ranking flips at epoch " + flip;
      }

      @Override
      public double noise() {
        return 0.0001;
      }

      @Override
      public SearchSpace space() {
        return CurveFamilies.named("power-law").space();
      }

      @Override
      public LearningCurve curve(Map<String, Object> params, SplittableRandom random) {
        double quality = Math.log10((Double) params.get("lr")) / 4 + 1; // 0 .. 1
        return epoch -> epoch < flip ? 0.5 - 0.2 * quality : 0.5 + 0.2 * quality;
      }
    };
  }

  @Test
  public void shouldSayWhenTheWinnerFirstShowsAndWhatJudgingThereCosts() {
    SweepSimulator simulator = new SweepSimulator(flippingAt(30), 81, 4, 81, 5);
    SweepSimulator.Outcome fifo = simulator.run(SchedulerSpec.fifo(81));

    RankingFloor floor = RankingFloor.of(simulator, fifo.best(simulator), 0.0001, 3);

    assertThat(floor.visibleAt()).isEqualTo(30);
    assertThat(floor.computeFloor()).isCloseTo((30 + 51 / 3.0) / 81, within(1e-9));
    RankingFloor early =
        RankingFloor.of(
            new SweepSimulator(flippingAt(1), 81, 4, 81, 5), fifo.best(simulator), 0.0001, 3);
    assertThat(early.visibleAt()).isEqualTo(1);
    // a stricter rule (the top 1/9) is cheaper once the winner shows
    assertThat(RankingFloor.of(simulator, fifo.best(simulator), 0.0001, 9).computeFloor())
        .isLessThan(floor.computeFloor());
  }

  @Test
  public void shouldRefuseWhatItCannotMeasure() {
    assertThatThrownBy(() -> settings("sawtooth", 1))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(
            "family: unknown curve family 'sawtooth'; known: power-law, noisy,");
    assertThatThrownBy(() -> new SweepBenchmark.Settings(81, 4, 81, 1, 3, "fifo", 1, 1, List.of()))
        .hasMessage(
            "scheduler: the benchmark measures asha, asha-promotion or median against fifo, not"
                + " 'fifo'");
    assertThatThrownBy(() -> new SweepBenchmark.Settings(81, 4, 81, 81, 3, "asha", 1, 1, List.of()))
        .hasMessageStartingWith("grace_period: must be below max_t");
    assertThatThrownBy(
            () ->
                new SweepBenchmark.Settings(
                    81, 4, 81, 1, 3, "median", 1, 1, List.of(), 2, "last", 3, "fixed"))
        .hasMessage("brackets: only the asha scheduler has brackets and rung values");
  }
}
