package io.ctsuite.cli.track;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.tracking.query.Leaderboard;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.query.RunIndex;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct track leaderboard FAMILY --metric K}. */
@Command(
    name = "leaderboard",
    mixinStandardHelpOptions = true,
    description = {
      "Ranks the runs of a family by a metric, best first.",
      "",
      "Filter with an expression over params, tags and metrics, e.g. --where \"lr < 0.05 and tags.arch == 'resnet50'\". Names: params.X, tags.X, metrics.X (the last value; metrics.X.min, .max, .count), id, family, status; a bare name is a param, else a metric, else a tag."
    })
public class TrackLeaderboardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FAMILY",
      description = "Experiment family (default: every run).")
  String family;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "KEY",
      description = "Metric to rank by.")
  String metric;

  @Option(
      names = "--mode",
      paramLabel = "max|min",
      description =
          "Whether higher or lower is better (default: guessed from the name: loss, error, … are min).")
  Goal mode;

  @Option(
      names = "--value",
      paramLabel = "KIND",
      defaultValue = "best",
      description = "Value of each run: best, last, first, min, max (default: ${DEFAULT-VALUE}).")
  ValueKind value;

  @Option(names = "--where", paramLabel = "EXPR", description = "Filter expression.")
  String where;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Rows per page (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--page",
      paramLabel = "N",
      defaultValue = "1",
      description = "Page number (default: ${DEFAULT-VALUE}).")
  int page;

  @Option(
      names = "--columns",
      paramLabel = "KEY",
      split = ",",
      description = "Params or tags to show (default: those that differ among the shown runs).")
  List<String> columns;

  @Override
  public Integer call() {
    RunIndex index;
    try (ProgressRenderer progress = new ProgressRenderer(new PrintStream(System.err, true))) {
      index =
          RunIndex.open(
              TrackCommand.runs(spec).root(),
              json.enabled() ? io.ctsuite.core.Progress.NONE : progress);
    }
    Goal goal = mode != null ? mode : RunComparison.guessGoal(metric);
    int offset = Math.max(0, page - 1) * limit;
    Leaderboard.Page result =
        Leaderboard.rank(
            index.view(), new Leaderboard.Query(family, metric, goal, value, where, offset, limit));
    index
        .lastRefresh()
        .warnings()
        .forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    if (json.enabled()) {
      TrackText.json(spec.commandLine().getOut(), RankingOutput.json(result, index));
    } else {
      RankingOutput.table(result, spec.commandLine().getOut(), columns);
    }
    return ExitCode.OK;
  }
}
