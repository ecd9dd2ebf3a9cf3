package io.ctsuite.tracking.sweep.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Progress;
import io.ctsuite.tracking.sweep.schedule.AshaPromotions;
import io.ctsuite.tracking.sweep.schedule.AshaScheduler;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.schedule.RungValue;
import io.ctsuite.tracking.sweep.schedule.SchedulerSpec;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Early stopping against running every trial to the end, on simulated learning curves: for each
 * curve family and seed, the same trials run once under FIFO (the baseline) and once under the
 * scheduler being measured. A run passes when the scheduler's best final metric is within the
 * evaluation noise of the baseline's and it used at most half the compute. Deterministic: compute
 * is counted in epochs, not seconds.
 */
public final class SweepBenchmark {
  /** ASHA's promotion form (trials paused and resumed at rungs), as in the paper. */
  public static final String PROMOTION = "asha-promotion";

  /** The most compute a passing run may use, as a fraction of the baseline's. */
  public static final double MAX_COMPUTE_FRACTION = 0.5;

  private SweepBenchmark() {}

  /**
   * What to run. The defaults are Hyperband's classic example (81 configurations, 81 epochs,
   * reduction factor 3, so rungs at 1, 3, 9, 27) on 4 workers, over seeds 1 to 5, with all five of
   * Hyperband's brackets.
   *
   * @param brackets ASHA's brackets (1: plain ASHA)
   * @param rungValue what ASHA's rungs compare: last, best or mean
   * @param rungWindow the reports {@code mean} averages
   * @param bracketSelection {@code fixed} (Hyperband's shares) or {@code adaptive}
   */
  public record Settings(
      int trials,
      int parallel,
      @JsonProperty("max_t") int maxT,
      @JsonProperty("grace_period") double gracePeriod,
      @JsonProperty("reduction_factor") int reductionFactor,
      String scheduler,
      @JsonProperty("first_seed") long firstSeed,
      int seeds,
      List<String> families,
      int brackets,
      @JsonProperty("rung_value") String rungValue,
      @JsonProperty("rung_window") int rungWindow,
      @JsonProperty("bracket_selection") String bracketSelection) {

    public Settings {
      if (trials < 1) {
        throw new InputException("trials: give at least 1, got " + trials);
      }
      if (parallel < 1) {
        throw new InputException("parallel: give at least 1, got " + parallel);
      }
      if (seeds < 1) {
        throw new InputException("seeds: give at least 1, got " + seeds);
      }
      if (!SchedulerSpec.ASHA.equals(scheduler)
          && !SchedulerSpec.MEDIAN.equals(scheduler)
          && !PROMOTION.equals(scheduler)) {
        throw new InputException(
            "scheduler: the benchmark measures asha, asha-promotion or median against fifo, not '"
                + scheduler
                + "'");
      }
      families =
          families == null || families.isEmpty()
              ? CurveFamilies.all().stream().map(CurveFamily::name).toList()
              : List.copyOf(families);
      families.forEach(CurveFamilies::named);
      SchedulerSpec spec = spec(scheduler, maxT, gracePeriod, reductionFactor);
      if (SchedulerSpec.ASHA.equals(scheduler)) {
        spec =
            spec.withBrackets(brackets, rungValue, rungWindow)
                .withBracketSelection(bracketSelection);
        rungValue = spec.rungValue();
        rungWindow = spec.rungWindow();
        bracketSelection = spec.bracketSelection();
      } else if (brackets > 1
          || (rungValue != null && !rungValue.equals("last"))
          || SchedulerSpec.ADAPTIVE.equals(bracketSelection)) {
        throw new InputException(
            (brackets > 1 ? "brackets" : "rung_value")
                + ": only the asha scheduler has brackets and rung values");
      } else {
        brackets = 1;
        rungValue = "last";
        rungWindow = spec.rungWindow();
        bracketSelection = SchedulerSpec.FIXED;
      }
    }

    /** Plain ASHA's settings: one bracket, rungs compare the last value. */
    public Settings(
        int trials,
        int parallel,
        int maxT,
        double gracePeriod,
        int reductionFactor,
        String scheduler,
        long firstSeed,
        int seeds,
        List<String> families) {
      this(
          trials,
          parallel,
          maxT,
          gracePeriod,
          reductionFactor,
          scheduler,
          firstSeed,
          seeds,
          families,
          1,
          "last",
          RungValue.DEFAULT_WINDOW,
          SchedulerSpec.FIXED);
    }

    /** The same settings with another grace period, and as many brackets as still fit. */
    Settings withGracePeriod(double grace) {
      return with(
          grace, Math.min(brackets, AshaScheduler.maxBrackets(maxT, grace, reductionFactor)));
    }

    /** The same settings with another number of brackets. */
    Settings withBrackets(int count) {
      return with(gracePeriod, count);
    }

    /** A variant; fewer than 2 brackets leave nothing to select adaptively. */
    private Settings with(double grace, int count) {
      return new Settings(
          trials,
          parallel,
          maxT,
          grace,
          reductionFactor,
          scheduler,
          firstSeed,
          seeds,
          families,
          count,
          rungValue,
          rungWindow,
          count < 2 ? SchedulerSpec.FIXED : bracketSelection);
    }

    /**
     * The benchmark's default setup: Hyperband's classic example with all its brackets, 5 here
     * (rungs from epoch 1, 3, 9, 27 and one bracket without early stopping).
     */
    public static Settings defaults() {
      return new Settings(
          81,
          4,
          81,
          1,
          3,
          SchedulerSpec.ASHA,
          1,
          5,
          List.of(),
          5,
          RungValue.LAST,
          3,
          SchedulerSpec.FIXED);
    }

    SchedulerSpec measured() {
      SchedulerSpec spec = spec(scheduler, maxT, gracePeriod, reductionFactor);
      return SchedulerSpec.ASHA.equals(scheduler)
          ? spec.withBrackets(brackets, rungValue, rungWindow)
              .withBracketSelection(bracketSelection)
          : spec;
    }

    private static SchedulerSpec spec(String scheduler, int maxT, double grace, int eta) {
      return SchedulerSpec.MEDIAN.equals(scheduler)
          ? new SchedulerSpec(SchedulerSpec.MEDIAN, "epoch", maxT, grace, eta, 3)
          : new SchedulerSpec(SchedulerSpec.ASHA, "epoch", maxT, grace, eta, 3);
    }
  }

  /**
   * One family and seed.
   *
   * @param computeBaseline epochs run by FIFO (every trial to max_t)
   * @param computeSweep epochs run by the measured scheduler
   * @param computeSaved 1 - computeSweep / computeBaseline
   * @param bestBaseline the best final evaluation of all trials
   * @param bestSweep the best final evaluation among the trials the scheduler ran to the end
   * @param bestGap how much worse the scheduler's best is (0 when it kept the winner)
   * @param noise the evaluation noise (standard deviation)
   * @param winner the baseline's best trial and its parameters
   * @param winnerFate what the scheduler did with that trial
   * @param winnerVisibleAt the first epoch at which a trial within noise of the winner ranks in the
   *     top 1/η of all trials ({@link RankingFloor})
   * @param computeFloor the least compute, as a fraction of the baseline's, of a rule that keeps
   *     the top 1/η of the trials it judges and still keeps such a trial ({@link RankingFloor})
   */
  public record Run(
      String family,
      long seed,
      @JsonProperty("compute_baseline") long computeBaseline,
      @JsonProperty("compute_sweep") long computeSweep,
      @JsonProperty("compute_saved") double computeSaved,
      @JsonProperty("best_baseline") double bestBaseline,
      @JsonProperty("best_sweep") double bestSweep,
      @JsonProperty("best_gap") double bestGap,
      double noise,
      @JsonProperty("completed_trials") int completedTrials,
      boolean passed,
      String winner,
      @JsonProperty("winner_fate") String winnerFate,
      @JsonProperty("winner_visible_at") int winnerVisibleAt,
      @JsonProperty("compute_floor") double computeFloor) {}

  /** Every seed of one family, and how many passed. */
  public record FamilyResult(
      String family,
      String description,
      double noise,
      @JsonProperty("passed_seeds") int passedSeeds,
      int seeds,
      @JsonProperty("mean_compute_saved") double meanComputeSaved,
      @JsonProperty("worst_best_gap") double worstBestGap,
      List<Run> runs) {

    @JsonProperty("passed")
    public boolean passed() {
      return passedSeeds == seeds;
    }
  }

  /** How the families fare with another grace period or number of brackets, the rest equal. */
  public record Sensitivity(
      @JsonProperty("grace_period") double gracePeriod,
      int brackets,
      List<FamilyResult> families) {}

  /**
   * The whole benchmark.
   *
   * @param sensitivity the same families and seeds with other grace periods (1, 3, 9, 27 below
   *     max_t) and, for ASHA, every other number of brackets: how much compute each buys back in
   *     quality
   */
  public record Report(
      Settings settings,
      @JsonProperty("scheduler_description") String schedulerDescription,
      List<FamilyResult> families,
      List<Sensitivity> sensitivity) {

    @JsonProperty("all_passed")
    public boolean allPassed() {
      return families.stream().allMatch(FamilyResult::passed);
    }
  }

  /** Grace periods the sensitivity table tries besides the one measured. */
  static final double[] OTHER_GRACE_PERIODS = {1, 3, 9, 27};

  public static Report run(Settings settings, Progress progress) {
    List<Settings> variants = new ArrayList<>();
    for (double grace : OTHER_GRACE_PERIODS) {
      if (grace != settings.gracePeriod() && grace < settings.maxT()) {
        variants.add(settings.withGracePeriod(grace));
      }
    }
    if (SchedulerSpec.ASHA.equals(settings.scheduler())) {
      int most =
          AshaScheduler.maxBrackets(
              settings.maxT(), settings.gracePeriod(), settings.reductionFactor());
      for (int count = 1; count <= most; count++) {
        if (count != settings.brackets()) {
          variants.add(settings.withBrackets(count));
        }
      }
    }
    int total = (1 + variants.size()) * settings.families().size() * settings.seeds();
    int[] done = {0};
    Runnable step = () -> progress.update("sweep benchmark", ++done[0], total, 0, 0);
    List<FamilyResult> results = runAll(settings, step);
    List<Sensitivity> sensitivity = new ArrayList<>();
    for (Settings variant : variants) {
      sensitivity.add(
          new Sensitivity(variant.gracePeriod(), variant.brackets(), runAll(variant, step)));
    }
    String description =
        (PROMOTION.equals(settings.scheduler())
                ? new AshaPromotions(
                        SweepSimulator.OBJECTIVE,
                        settings.maxT(),
                        settings.gracePeriod(),
                        settings.reductionFactor())
                    .describe("epoch")
                : settings.measured().create(SweepSimulator.OBJECTIVE).describe())
            + "; "
            + settings.trials()
            + " trials on "
            + settings.parallel()
            + " workers";
    return new Report(settings, description, results, sensitivity);
  }

  private static List<FamilyResult> runAll(Settings settings, Runnable step) {
    List<FamilyResult> results = new ArrayList<>();
    for (String name : settings.families()) {
      CurveFamily family = CurveFamilies.named(name);
      List<Run> runs = new ArrayList<>();
      for (int s = 0; s < settings.seeds(); s++) {
        runs.add(runOne(family, settings, settings.firstSeed() + s));
        step.run();
      }
      results.add(summarise(family, runs));
    }
    return results;
  }

  static Run runOne(CurveFamily family, Settings settings, long seed) {
    SweepSimulator simulator =
        new SweepSimulator(family, settings.trials(), settings.parallel(), settings.maxT(), seed);
    SweepSimulator.Outcome baseline = simulator.run(SchedulerSpec.fifo(settings.maxT()));
    SweepSimulator.Outcome sweep =
        PROMOTION.equals(settings.scheduler())
            ? simulator.runPromotions(settings.gracePeriod(), settings.reductionFactor())
            : simulator.run(settings.measured());
    int winner = baseline.best(simulator);
    int kept = sweep.best(simulator);
    double bestBaseline = simulator.observe(winner, settings.maxT());
    double bestSweep = kept < 0 ? Double.NaN : simulator.observe(kept, settings.maxT());
    double gap = kept < 0 ? Double.POSITIVE_INFINITY : Math.max(0, bestBaseline - bestSweep);
    double saved = 1 - (double) sweep.compute() / baseline.compute();
    boolean passed = gap <= family.noise() && saved >= 1 - MAX_COMPUTE_FRACTION;
    RankingFloor floor =
        RankingFloor.of(simulator, winner, family.noise(), settings.reductionFactor());
    String fate =
        sweep.completed()[winner]
            ? "kept to the end"
            : sweep.verdicts()[winner] == null ? "stopped" : sweep.verdicts()[winner];
    return new Run(
        family.name(),
        seed,
        baseline.compute(),
        sweep.compute(),
        saved,
        bestBaseline,
        bestSweep,
        gap,
        family.noise(),
        sweep.completedCount(),
        passed,
        "trial " + (winner + 1) + " (" + describe(simulator, winner) + ")",
        fate,
        floor.visibleAt(),
        floor.computeFloor());
  }

  private static String describe(SweepSimulator simulator, int trial) {
    return simulator.params(trial).entrySet().stream()
        .map(e -> e.getKey() + "=" + ParamFormat.format(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static FamilyResult summarise(CurveFamily family, List<Run> runs) {
    int passed = (int) runs.stream().filter(Run::passed).count();
    double meanSaved = runs.stream().mapToDouble(Run::computeSaved).average().orElse(Double.NaN);
    double worstGap = runs.stream().mapToDouble(Run::bestGap).max().orElse(Double.NaN);
    return new FamilyResult(
        family.name(),
        family.description(),
        family.noise(),
        passed,
        runs.size(),
        meanSaved,
        worstGap,
        runs);
  }

  /** A gap as text, with the noise it is compared with. */
  public static String gapText(double gap, double noise) {
    return Objective.brief(gap) + (gap <= noise ? " ≤ " : " > ") + Objective.brief(noise);
  }
}
