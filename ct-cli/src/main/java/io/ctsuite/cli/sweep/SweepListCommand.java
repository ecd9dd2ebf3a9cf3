package io.ctsuite.cli.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.Leaderboard;
import io.ctsuite.tracking.sweep.SweepState;
import io.ctsuite.tracking.sweep.SweepStore;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.schedule.Objective;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct sweep list}: the stored sweeps. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored sweeps.")
public class SweepListCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Override
  public void run() {
    SweepStore store = SweepCommand.sweeps(spec);
    PrintWriter out = spec.commandLine().getOut();
    Table table = new Table("name", "status", "scheduler", "trials", "metric", "best", "updated");
    ArrayNode list = Json.mapper().createArrayNode();
    for (String name : store.names()) {
      SweepState state;
      try {
        state = store.load(name).orElseThrow();
      } catch (InputException e) {
        spec.commandLine().getErr().println("warning: " + e.getMessage());
        continue;
      }
      Objective objective = state.spec().objective();
      Optional<Trial> best = Leaderboard.best(state.trials(), objective);
      String status = state.finished() ? "finished" : "unfinished";
      String trials = state.trials().size() + "/" + state.spec().trials();
      String bestText =
          best.map(t -> Objective.brief(t.lastValue()) + " (trial " + t.number() + ")").orElse("");
      String updated = Instant.ofEpochMilli(state.updatedAt()).toString();
      table.row(
          name,
          status,
          state.spec().scheduler().type(),
          trials,
          objective.metric() + " " + objective.mode().id(),
          bestText,
          updated);
      var node = list.addObject();
      node.put("name", name);
      node.put("status", status);
      node.put("scheduler", state.spec().scheduler().type());
      node.put("trials", state.spec().trials());
      node.put("started", state.trials().size());
      node.put("metric", objective.metric());
      node.put("mode", objective.mode().id());
      if (best.isPresent()) {
        node.put("best_trial", best.get().number());
        node.put("best_value", best.get().lastValue());
      }
      node.put("updated_at", updated);
    }
    if (json.enabled()) {
      try {
        out.println(Json.mapper().writeValueAsString(list));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else if (table.isEmpty()) {
      out.println("No sweeps in " + store.root() + "; start one with ct sweep run.");
    } else {
      table.print(out);
    }
    out.flush();
  }
}
