package io.ctsuite.cli.sweep;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.sweep.SweepController;
import io.ctsuite.tracking.sweep.SweepSpec;
import io.ctsuite.tracking.sweep.SweepState;
import io.ctsuite.tracking.sweep.SweepStore;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.TrialStatus;
import io.ctsuite.tracking.sweep.process.LocalSweepRunner;
import io.ctsuite.tracking.sweep.schedule.Decision;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.schedule.SchedulerSpec;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import io.ctsuite.tracking.sweep.space.SearchSpace;
import io.ctsuite.tracking.sweep.space.SpaceParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct sweep run}: runs a sweep's trials as local processes. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run trials of COMMAND with parameters drawn from a search space, at most --parallel at a",
      "time, reading their metrics live and stopping losing trials (SIGTERM, then SIGKILL after",
      "--stop-grace). Prints the leaderboard and the best configuration.",
      "",
      "Each trial gets its parameters as environment variables CT_PARAM_<NAME> (and CT_PARAMS as",
      "JSON), as {name} placeholders in COMMAND, and with --param-args as --name=value arguments.",
      "It reports metrics by printing service messages such as",
      "  ##ct[metric key='val/acc' value='0.91' step='3']",
      "or by appending JSON lines ({\"key\": \"val/acc\", \"value\": 0.91, \"step\": 3}) to the file",
      "in CT_METRICS_FILE. The step is the trial's progress (an epoch) unless --time-attr says",
      "otherwise. Python trials run unbuffered (PYTHONUNBUFFERED=1) so that metrics arrive live.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  ct sweep run --space space.yaml --trials 16 --parallel 2 --metric val/acc --mode max \\",
      "      --max-t 30 -- python3 train.py",
      "",
      "The state is saved in the store's sweeps/NAME/ as the sweep runs; after Ctrl-C or a crash,",
      "ct sweep run --resume NAME continues it (trials that were running start again)."
    })
public class SweepRunCommand implements Callable<Integer> {
  private static final DateTimeFormatter NAME_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(names = "--space", paramLabel = "FILE", description = "The search space (YAML or JSON).")
  Path space;

  @Option(
      names = "--trials",
      paramLabel = "N",
      description = "How many trials (default: the grid size if the space has a grid, else 16).")
  Integer trials;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "1",
      description = "Trials at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--metric",
      paramLabel = "KEY",
      description = "The metric to optimise, e.g. val/acc.")
  String metric;

  @Option(
      names = "--mode",
      defaultValue = "max",
      description = "max or min (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--scheduler",
      defaultValue = "asha",
      description = "asha, median or fifo (default: ${DEFAULT-VALUE}).")
  String scheduler;

  @Option(
      names = "--time-attr",
      paramLabel = "ATTR",
      defaultValue = "step",
      description = {
        "What measures progress: step (of each report), reports (how many), or another metric",
        "such as epoch (default: ${DEFAULT-VALUE})."
      })
  String timeAttr;

  @Option(
      names = "--max-t",
      paramLabel = "T",
      description =
          "A trial's budget in the time attribute; a trial reaching it completes (ASHA default 100).")
  Double maxT;

  @Option(
      names = "--grace-period",
      paramLabel = "T",
      description = "No trial stops before this (default 1).")
  Double gracePeriod;

  @Option(
      names = "--reduction-factor",
      paramLabel = "ETA",
      description = "ASHA: the top 1/ETA of each rung continue (default 4).")
  Integer reductionFactor;

  @Option(
      names = "--brackets",
      paramLabel = "N|all",
      description = {
        "ASHA: brackets, Hyperband's hedge against trusting early rungs. Bracket b first decides",
        "at the b-th rung; 'all' adds one that never stops a trial; each bracket gets about the",
        "same compute (default 1: plain ASHA)."
      })
  String brackets;

  @Option(
      names = "--bracket-selection",
      paramLabel = "HOW",
      description = {
        "ASHA: fixed (Hyperband's equal compute per bracket, default) or adaptive (new trials",
        "go to brackets whose first rung has ranked the completed trials well)."
      })
  String bracketSelection;

  @Option(
      names = "--rung-value",
      paramLabel = "KIND",
      description =
          "ASHA: what the rungs compare: last, best (so far) or mean (of the last --rung-window"
              + " reports) (default last).")
  String rungValue;

  @Option(
      names = "--rung-window",
      paramLabel = "N",
      description = "ASHA: reports averaged by --rung-value mean (default 3).")
  Integer rungWindow;

  @Option(
      names = "--min-samples",
      paramLabel = "N",
      description = "Median stopping: other trials needed to compare with (default 3).")
  Integer minSamples;

  @Option(
      names = "--sampler",
      defaultValue = "random",
      description = "random or sobol (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the sampler (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--name",
      description = "The sweep's name in the store (default: sweep-<UTC time>).")
  String name;

  @Option(
      names = "--resume",
      paramLabel = "NAME",
      description = "Continue a stored sweep; COMMAND defaults to its own.")
  String resume;

  @Option(names = "--param-args", description = "Also pass parameters as --name=value arguments.")
  boolean paramArgs;

  @Option(
      names = "--stop-grace",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "Time between SIGTERM and SIGKILL for a stopped trial (default: ${DEFAULT-VALUE}).")
  double stopGrace;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "20",
      description = "Leaderboard rows (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also show every rung a trial passes.")
  boolean verbose;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The trial command, after --.")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter live = json.enabled() ? spec.commandLine().getErr() : out;
    SweepStore store = SweepCommand.sweeps(spec);
    RunStore runs = new RunStore(SweepCommand.store(spec).area("runs"));
    SweepController controller;
    if (resume != null) {
      SweepState state =
          store
              .load(resume)
              .orElseThrow(
                  () ->
                      new InputException("--resume: no sweep '" + resume + "' in " + store.root()));
      SweepSpec resumed = withCommandAndParallel(state.spec());
      controller =
          SweepController.resume(
              new SweepState(
                  state.schema(),
                  resumed,
                  state.trials(),
                  state.scheduler(),
                  state.createdAt(),
                  state.updatedAt()),
              System::currentTimeMillis);
      if (controller.finished()) {
        live.println("Sweep " + resume + " has already finished.");
        return report(out, store, resume);
      }
    } else {
      SweepSpec fresh = newSpec(store);
      controller = SweepController.start(fresh, System::currentTimeMillis);
    }
    SweepSpec sweep = controller.spec();
    describe(live, controller, store);
    LocalSweepRunner runner =
        new LocalSweepRunner(
            controller,
            store,
            runs,
            new LocalSweepRunner.Options(
                sweep.command(),
                Path.of("").toAbsolutePath(),
                sweep.paramArgs(),
                Duration.ofMillis(Math.round(stopGrace * 1000)),
                Duration.ofMillis(250)),
            new ConsoleListener(live, spec.commandLine().getErr(), verbose, sweep));
    Thread hook = new Thread(() -> interrupt(runner, live, sweep.name()), "ct sweep interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      runner.run();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it reports the interruption
      }
    }
    if (runner.aborted()) {
      // the interrupt hook tells the user how to continue; the JVM is shutting down
      return ExitCode.CHECK_FAILED;
    }
    live.println();
    return report(out, store, sweep.name());
  }

  private void interrupt(LocalSweepRunner runner, PrintWriter live, String sweep) {
    live.println();
    live.println("Interrupted: stopping the running trials...");
    live.flush();
    runner.abort();
    try {
      runner.awaitDone(Duration.ofMillis(Math.round(stopGrace * 1000) + 5000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    live.println("The sweep is saved; continue it with: ct sweep run --resume " + sweep);
    live.flush();
  }

  private int report(PrintWriter out, SweepStore store, String sweepName) throws IOException {
    SweepReport report = new SweepReport(store.load(sweepName).orElseThrow());
    if (json.enabled()) {
      out.println(Json.mapper().writeValueAsString(report.json()));
    } else {
      report.printLeaderboard(out, top);
      report.printBest(out);
      out.println();
      report.printCompute(out);
    }
    out.flush();
    return report.hasBest() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private void describe(PrintWriter live, SweepController controller, SweepStore store) {
    SweepSpec sweep = controller.spec();
    live.println(
        "Sweep "
            + sweep.name()
            + ": "
            + sweep.trials()
            + " trials, "
            + sweep.parallel()
            + " at a time, "
            + (sweep.objective().mode().id().equals("max") ? "maximising " : "minimising ")
            + sweep.metric()
            + "; "
            + sweep.sampler()
            + " sampling, seed "
            + sweep.seed());
    live.println(controller.schedulerDescription());
    live.println(
        "State: " + store.directory(sweep.name()) + "; trial output in its trials/ directory");
    live.println("Command: " + String.join(" ", sweep.command()));
    live.println();
    live.flush();
  }

  private SweepSpec newSpec(SweepStore store) {
    if (space == null) {
      throw new InputException("--space: give the search space file (or --resume NAME)");
    }
    if (command == null || command.isEmpty()) {
      throw new InputException("give the trial command after --, e.g. -- python3 train.py");
    }
    if (metric == null || metric.isBlank()) {
      throw new InputException("--metric: name the metric to optimise, e.g. --metric val/acc");
    }
    String sweepName = name != null ? name : "sweep-" + NAME_STAMP.format(java.time.Instant.now());
    if (store.exists(sweepName)) {
      throw new InputException(
          "--name: the sweep '"
              + sweepName
              + "' exists; continue it with --resume "
              + sweepName
              + " or choose another --name");
    }
    SearchSpace parsed = SpaceParser.parse(space);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("scheduler", scheduler);
    settings.put("time_attr", timeAttr);
    settings.put("max_t", maxT);
    settings.put("grace_period", gracePeriod);
    settings.put("reduction_factor", reductionFactor);
    settings.put("min_samples", minSamples);
    settings.put("brackets", brackets);
    settings.put("rung_value", rungValue);
    settings.put("rung_window", rungWindow);
    settings.put("bracket_selection", bracketSelection);
    settings.values().removeIf(java.util.Objects::isNull);
    int count = trials != null ? trials : (int) (parsed.hasGrid() ? parsed.gridSize() : 16);
    return new SweepSpec(
        sweepName,
        parsed.source(),
        sampler,
        seed,
        count,
        parallel,
        metric,
        mode,
        SchedulerSpec.fromMap(settings),
        command,
        paramArgs);
  }

  /** A stored sweep, with the command and parallelism given now when they were given. */
  private SweepSpec withCommandAndParallel(SweepSpec stored) {
    List<String> newCommand = command == null || command.isEmpty() ? stored.command() : command;
    if (newCommand.isEmpty()) {
      throw new InputException("give the trial command after --: the stored sweep has none");
    }
    int newParallel =
        spec.commandLine().getParseResult().hasMatchedOption("--parallel")
            ? parallel
            : stored.parallel();
    return new SweepSpec(
        stored.name(),
        stored.space(),
        stored.sampler(),
        stored.seed(),
        stored.trials(),
        newParallel,
        stored.metric(),
        stored.mode(),
        stored.scheduler(),
        newCommand,
        stored.paramArgs() || paramArgs);
  }

  /** "1 step", "4 steps", "3 epochs", "5 reports". */
  static String amount(double value, String unit) {
    boolean plural = value != 1 && !unit.endsWith("s");
    return ParamFormat.format(value) + " " + unit + (plural ? "s" : "");
  }

  /** Prints what happens as it happens. */
  private static final class ConsoleListener implements LocalSweepRunner.Listener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private final String unit;
    private final String metric;
    private final java.util.Set<Integer> explained = new java.util.HashSet<>();
    private final List<String> names;

    ConsoleListener(PrintWriter out, PrintWriter err, boolean verbose, SweepSpec sweep) {
      this.out = out;
      this.err = err;
      this.verbose = verbose;
      this.unit = sweep.scheduler().timeAttr();
      this.metric = sweep.metric();
      this.names =
          sweep.searchSpace().parameters().stream()
              .map(io.ctsuite.tracking.sweep.space.Parameter::name)
              .toList();
    }

    @Override
    public synchronized void started(Trial trial, List<String> argv) {
      // in the space's order: a resumed trial's stored parameters come back sorted
      String params =
          names.stream()
              .filter(trial.params()::containsKey)
              .map(name -> name + "=" + ParamFormat.format(trial.params().get(name)))
              .collect(Collectors.joining(", "));
      out.println(
          "trial "
              + trial.number()
              + " started"
              + (trial.attempts() > 1 ? " again (attempt " + trial.attempts() + ")" : "")
              + ": "
              + params);
      out.flush();
    }

    @Override
    public synchronized void decided(Decision decision) {
      if (decision.stops()) {
        explained.add(decision.trial());
      }
      if (decision.stops() || verbose) {
        out.println(decision.explain());
        out.flush();
      }
    }

    @Override
    public synchronized void ended(Trial trial, Path log) {
      if (explained.contains(trial.number())) {
        // the scheduler's decision already said how and why it ended
        return;
      }
      String used = amount(trial.compute(), unit);
      if (trial.status() == TrialStatus.COMPLETED) {
        out.println(
            "trial "
                + trial.number()
                + " completed after "
                + used
                + (trial.reports() == 0
                    ? ", without reporting the metric"
                    : ": " + metric + " " + Objective.brief(trial.lastValue())));
      } else {
        out.println("trial " + trial.number() + " " + trial.reason());
        if (log != null && trial.status() == TrialStatus.FAILED) {
          printTail(log);
        }
      }
      out.flush();
    }

    private void printTail(Path log) {
      try {
        List<String> lines = Files.readAllLines(log);
        int from = Math.max(0, lines.size() - 5);
        if (lines.isEmpty()) {
          return;
        }
        out.println("  last lines of " + log + ":");
        for (String line : lines.subList(from, lines.size())) {
          out.println("  | " + line);
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        out.println("  (cannot read " + log + ": " + e.getMessage() + ")");
      }
    }

    @Override
    public synchronized void problem(int trial, String message) {
      err.println("warning: " + message);
      err.flush();
    }
  }
}
