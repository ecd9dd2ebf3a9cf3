package io.ctsuite.cli.sweep;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.core.Progress;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.schedule.SchedulerSpec;
import io.ctsuite.tracking.sweep.sim.SweepBenchmark;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct sweep benchmark}: early stopping against running every trial, on simulated curves. */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure early stopping on simulated learning curves: for each curve family and seed, the",
      "same trials run to the end (FIFO, the baseline) and under ASHA (or median stopping).",
      "A run passes when the scheduler's best final metric is within the evaluation noise of the",
      "baseline's best (best_gap <= noise) using at most 50 %% of its compute (compute_saved >= 50 %%).",
      "Compute is counted in epochs, so the figures are exact and the same on every machine.",
      ""
    })
public class SweepBenchmarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--trials",
      defaultValue = "81",
      description = "Trials per run (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--parallel",
      defaultValue = "4",
      description = "Workers (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--max-t",
      defaultValue = "81",
      description = "Epochs of a full trial (default: ${DEFAULT-VALUE}).")
  int maxT;

  @Option(
      names = "--grace-period",
      defaultValue = "1",
      description = "First rung (default: ${DEFAULT-VALUE}).")
  double gracePeriod;

  @Option(
      names = "--reduction-factor",
      defaultValue = "3",
      description = "ASHA's eta (default: ${DEFAULT-VALUE}).")
  int reductionFactor;

  @Option(
      names = "--brackets",
      paramLabel = "N|all",
      defaultValue = "all",
      description = {
        "ASHA's brackets, Hyperband's hedge against trusting early rungs: bracket b first",
        "decides at the b-th rung, and 'all' adds one that never stops a trial; trials are dealt",
        "so that each bracket spends about the same compute. 1 is plain ASHA, the default",
        "before brackets existed (default: ${DEFAULT-VALUE})."
      })
  String brackets;

  @Option(
      names = "--bracket-selection",
      defaultValue = "fixed",
      description = {
        "How new trials are dealt to brackets: fixed (Hyperband's equal compute per bracket) or",
        "adaptive (weighted by how well each bracket's first rung has ranked the trials that",
        "completed; trades compute for quality) (default: ${DEFAULT-VALUE})."
      })
  String bracketSelection;

  @Option(
      names = "--rung-value",
      defaultValue = "last",
      description =
          "What ASHA's rungs compare: last, best (so far) or mean (of the last --rung-window"
              + " reports) (default: ${DEFAULT-VALUE}).")
  String rungValue;

  @Option(
      names = "--rung-window",
      defaultValue = "3",
      description = "Reports averaged by --rung-value mean (default: ${DEFAULT-VALUE}).")
  int rungWindow;

  @Option(
      names = "--scheduler",
      defaultValue = "asha",
      description = {
        "asha (stopping form, as ct sweep run), asha-promotion (the paper's form,",
        "trials paused and resumed at rungs) or median (default: ${DEFAULT-VALUE})."
      })
  String scheduler;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "First seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Seeds per family (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--family",
      paramLabel = "NAME",
      description =
          "Only these families (repeatable): power-law, noisy, crossing, overfitting, step-decay.")
  List<String> families;

  @Option(
      names = "--check",
      description = "Exit with 1 when a family fails (default: report only).")
  boolean check;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    SweepBenchmark.Settings settings =
        new SweepBenchmark.Settings(
            trials,
            parallel,
            maxT,
            gracePeriod,
            reductionFactor,
            scheduler.toLowerCase(java.util.Locale.ROOT),
            seed,
            seeds,
            families,
            bracketCount(),
            rungValue,
            rungWindow,
            bracketSelection);
    SweepBenchmark.Report report;
    if (json.enabled() || System.console() == null) {
      // a few seconds of work; the plain-line renderer counts "files", which would confuse here
      report = SweepBenchmark.run(settings, Progress.NONE);
    } else {
      try (ProgressRenderer progress = new ProgressRenderer(new PrintStream(System.err, true))) {
        report = SweepBenchmark.run(settings, progress);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Json.mapper().writeValueAsString(report));
    } else {
      print(out, report);
    }
    out.flush();
    return check && !report.allPassed() ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }

  private int bracketCount() {
    if (SchedulerSpec.ALL_BRACKETS.equalsIgnoreCase(brackets.trim())) {
      // asha-promotion and median have one bracket
      return SchedulerSpec.ASHA.equalsIgnoreCase(scheduler)
          ? SchedulerSpec.allBrackets(scheduler, maxT, gracePeriod, reductionFactor)
          : 1;
    }
    try {
      return Integer.parseInt(brackets.trim());
    } catch (NumberFormatException e) {
      throw new InputException("--brackets: give a number or all, got '" + brackets + "'");
    }
  }

  private void print(PrintWriter out, SweepBenchmark.Report report) {
    String name = report.settings().scheduler();
    out.println(
        "Sweep benchmark: "
            + name
            + " against running every trial to max_t (fifo), simulated curves");
    out.println(report.schedulerDescription());
    out.println();
    Table runs =
        new Table(
            "family",
            "seed",
            "compute_" + name,
            "compute_fifo",
            "compute_saved",
            "best_fifo",
            "best_" + name,
            "best_gap",
            "noise",
            "result");
    for (SweepBenchmark.FamilyResult family : report.families()) {
      for (SweepBenchmark.Run run : family.runs()) {
        runs.row(
            run.family(),
            run.seed(),
            run.computeSweep(),
            run.computeBaseline(),
            percent(run.computeSaved()),
            Objective.brief(run.bestBaseline()),
            Objective.brief(run.bestSweep()),
            Objective.brief(run.bestGap()),
            Objective.brief(run.noise()),
            run.passed() ? "pass" : "FAIL");
      }
    }
    runs.print(out);
    long used = 0;
    long baseline = 0;
    for (SweepBenchmark.FamilyResult family : report.families()) {
      for (SweepBenchmark.Run run : family.runs()) {
        used += run.computeSweep();
        baseline += run.computeBaseline();
      }
    }
    out.printf(
        "All runs: %s used %d of the baseline's %d epochs (ratio %.3f, %s saved)%n",
        name, used, baseline, (double) used / baseline, percent(1 - (double) used / baseline));
    out.println();
    for (SweepBenchmark.FamilyResult family : report.families()) {
      out.println(
          family.family()
              + ": "
              + family.passedSeeds()
              + "/"
              + family.seeds()
              + " seeds pass; mean compute saved "
              + percent(family.meanComputeSaved())
              + ", worst best_gap "
              + Objective.brief(family.worstBestGap())
              + " (noise "
              + Objective.brief(family.noise())
              + ")");
      out.println("  curves: " + family.description());
      out.println(
          "  a trial within noise of the best first ranks in the top 1/"
              + report.settings().reductionFactor()
              + " at epoch "
              + family.runs().stream()
                  .map(r -> Integer.toString(r.winnerVisibleAt()))
                  .collect(java.util.stream.Collectors.joining(", "))
              + " (by seed); judging every trial there and keeping the top 1/"
              + report.settings().reductionFactor()
              + " costs at least "
              + family.runs().stream()
                  .map(r -> String.format("%.0f", 100 * r.computeFloor()))
                  .collect(java.util.stream.Collectors.joining(", "))
              + " % of the baseline");
      for (SweepBenchmark.Run run : family.runs()) {
        if (!run.passed()) {
          out.println(
              "  seed "
                  + run.seed()
                  + ": the best trial, "
                  + run.winner()
                  + ", was "
                  + run.winnerFate());
          break;
        }
      }
    }
    if (!report.sensitivity().isEmpty()) {
      out.println();
      out.println(
          "Other grace periods and numbers of brackets on the same trials (seeds passing on both"
              + " gap and compute, mean compute saved):");
      List<String> header =
          new ArrayList<>(
              List.of(
                  "family",
                  setup(report.settings().gracePeriod(), report.settings().brackets()) + " *"));
      report.sensitivity().forEach(s -> header.add(setup(s.gracePeriod(), s.brackets())));
      Table table = new Table(header.toArray(String[]::new));
      for (int f = 0; f < report.families().size(); f++) {
        List<Object> row = new ArrayList<>();
        row.add(report.families().get(f).family());
        row.add(cell(report.families().get(f)));
        for (SweepBenchmark.Sensitivity sensitivity : report.sensitivity()) {
          row.add(cell(sensitivity.families().get(f)));
        }
        table.row(row.toArray());
      }
      table.print(out);
      out.println("(g: grace period, b: brackets; * the setup measured above)");
    }
    out.println();
    out.println(
        report.allPassed()
            ? "Every family passes."
            : "Not every family passes: early stopping judges trials by where they stand at a rung,"
                + " so a trial that is behind at every rung it meets is lost. Brackets that decide"
                + " later (or never) keep some trials past a crossing, but a trial is dealt to a"
                + " bracket before anything is known about it, so only the winners dealt to a late"
                + " enough bracket survive.");
  }

  private static String setup(double grace, int brackets) {
    return "g " + ParamFormat.format(grace) + ", b " + brackets;
  }

  private static String cell(SweepBenchmark.FamilyResult family) {
    return family.passedSeeds() + "/" + family.seeds() + " " + percent(family.meanComputeSaved());
  }

  private static String percent(double fraction) {
    return String.format("%.1f %%", 100 * fraction);
  }
}
