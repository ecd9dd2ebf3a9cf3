package io.ctsuite.cli.sweep;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.SweepState;
import io.ctsuite.tracking.sweep.SweepStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct sweep show NAME}: the leaderboard of a stored sweep, finished or not. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show a stored sweep: leaderboard, why trials stopped, best configuration, compute.")
public class SweepShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The sweep's name (see ct sweep list).")
  String name;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "20",
      description = "Leaderboard rows (default: ${DEFAULT-VALUE}).")
  int top;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    SweepStore store = SweepCommand.sweeps(spec);
    SweepState state =
        store
            .load(name)
            .orElseThrow(() -> new InputException("no sweep '" + name + "' in " + store.root()));
    SweepReport report = new SweepReport(state);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Json.mapper().writeValueAsString(report.json()));
    } else {
      out.println(
          "Sweep "
              + name
              + " ("
              + report.status()
              + "): "
              + state.spec().scheduler().type()
              + ", "
              + state.trials().size()
              + " of "
              + state.spec().trials()
              + " trials started");
      out.println();
      report.printLeaderboard(out, top);
      report.printReasons(out);
      report.printBest(out);
      out.println();
      report.printCompute(out);
    }
    out.flush();
    return report.hasBest() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }
}
