package io.ctsuite.cli.track;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.query.Leaderboard;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.query.RunIndex;
import io.ctsuite.tracking.query.RunSearch;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.Metrics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct track search --metric K --min X --max Y}. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Finds runs whose metric lies in a range, across families.",
      "",
      "Best first; --family and --where narrow the search."
    })
public class TrackSearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "KEY",
      description = "Metric to search.")
  String metric;

  @Option(names = "--min", paramLabel = "X", description = "Lowest value (inclusive).")
  String min;

  @Option(names = "--max", paramLabel = "X", description = "Highest value (inclusive).")
  String max;

  @Option(
      names = "--value",
      paramLabel = "KIND",
      defaultValue = "last",
      description = "Value compared: last, best, first, min, max (default: ${DEFAULT-VALUE}).")
  ValueKind value;

  @Option(
      names = "--mode",
      paramLabel = "max|min",
      description = "Whether higher is better (default: guessed).")
  Goal mode;

  @Option(names = "--family", paramLabel = "NAME", description = "Only this family.")
  String family;

  @Option(names = "--where", paramLabel = "EXPR", description = "Filter expression.")
  String where;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "Most runs shown (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    RunIndex index = RunIndex.open(TrackCommand.runs(spec).root());
    Goal goal = mode != null ? mode : RunComparison.guessGoal(metric);
    Leaderboard.Page page =
        RunSearch.search(
            index.view(),
            metric,
            bound(min, "--min"),
            bound(max, "--max"),
            value,
            goal,
            family,
            where,
            limit);
    index
        .lastRefresh()
        .warnings()
        .forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    if (json.enabled()) {
      TrackText.json(spec.commandLine().getOut(), RankingOutput.json(page, index));
    } else {
      RankingOutput.table(page, spec.commandLine().getOut(), null);
    }
    return ExitCode.OK;
  }

  private static double bound(String text, String option) {
    if (text == null) {
      return Double.NaN;
    }
    try {
      return Metrics.parse(text);
    } catch (NumberFormatException e) {
      throw new InputException(option + " '" + text + "' is not a number");
    }
  }
}
