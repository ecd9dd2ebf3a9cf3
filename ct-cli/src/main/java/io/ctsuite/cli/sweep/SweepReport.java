package io.ctsuite.cli.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.ComputeSummary;
import io.ctsuite.tracking.sweep.Leaderboard;
import io.ctsuite.tracking.sweep.SweepSpec;
import io.ctsuite.tracking.sweep.SweepState;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.TrialStatus;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import io.ctsuite.tracking.sweep.space.Parameter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The leaderboard, the best configuration and the compute of a sweep, as text or JSON. */
final class SweepReport {
  private final SweepState state;
  private final SweepSpec spec;
  private final Objective objective;
  private final List<Trial> ranked;
  private final Optional<Trial> best;
  private final ComputeSummary compute;
  private final List<String> names;

  SweepReport(SweepState state) {
    this.state = state;
    this.spec = state.spec();
    this.objective = spec.objective();
    this.ranked = Leaderboard.rank(state.trials(), objective);
    this.best = Leaderboard.best(state.trials(), objective);
    this.compute = ComputeSummary.of(spec, state.trials());
    this.names = spec.searchSpace().parameters().stream().map(Parameter::name).toList();
  }

  String status() {
    return state.finished() ? "finished" : "unfinished";
  }

  boolean hasBest() {
    return best.isPresent();
  }

  /** The ranked trials with their parameters, one column per parameter in declaration order. */
  void printLeaderboard(PrintWriter out, int limit) {
    List<String> names = parameterNames();
    List<String> header =
        new ArrayList<>(
            List.of(
                "rank",
                "trial",
                "status",
                objective.metric(),
                "best",
                spec.scheduler().timeAttr()));
    header.addAll(names);
    Table table = new Table(header.toArray(String[]::new));
    int rank = 0;
    for (Trial trial : ranked) {
      if (++rank > limit) {
        break;
      }
      List<Object> row = new ArrayList<>();
      row.add(trial.reports() == 0 ? "" : rank);
      row.add(trial.number());
      row.add(trial.status().id());
      row.add(trial.reports() == 0 ? "" : Objective.brief(trial.lastValue()));
      row.add(trial.reports() == 0 ? "" : Objective.brief(trial.bestValue()));
      row.add(Double.isNaN(trial.time()) ? "" : ParamFormat.format(trial.time()));
      for (String name : names) {
        row.add(
            trial.params().containsKey(name) ? ParamFormat.format(trial.params().get(name)) : "-");
      }
      table.row(row.toArray());
    }
    out.println(
        "Leaderboard: "
            + objective.metric()
            + " ("
            + objective.mode().id()
            + "), ranked by the last value"
            + (ranked.size() > limit ? "; top " + limit + " of " + ranked.size() : ""));
    table.print(out);
    if (ranked.size() > limit) {
      out.println(
          "("
              + (ranked.size() - limit)
              + " more; see ct sweep show "
              + spec.name()
              + " --top "
              + ranked.size()
              + ")");
    }
  }

  /** Why each trial that did not complete ended. */
  void printReasons(PrintWriter out) {
    List<Trial> ended =
        state.trials().stream()
            .filter(t -> t.status() != TrialStatus.COMPLETED && t.reason() != null)
            .toList();
    if (ended.isEmpty()) {
      return;
    }
    out.println();
    for (Trial trial : ended) {
      out.println("trial " + trial.number() + " " + trial.reason());
    }
  }

  /** The best configuration and how to use it. */
  void printBest(PrintWriter out) {
    out.println();
    if (best.isEmpty()) {
      out.println("No trial reported " + objective.metric() + "; there is no best configuration.");
      return;
    }
    Trial trial = best.get();
    out.println(
        "Best: trial "
            + trial.number()
            + (trial.status() == TrialStatus.COMPLETED ? "" : " (" + trial.status().id() + ")")
            + ", "
            + objective.metric()
            + " "
            + Objective.brief(trial.lastValue())
            + (Double.isNaN(trial.time())
                ? ""
                : " at " + spec.scheduler().timeAttr() + " " + ParamFormat.format(trial.time())));
    for (Map.Entry<String, Object> param : ordered(trial.params()).entrySet()) {
      out.println("  " + param.getKey() + ": " + ParamFormat.format(param.getValue()));
    }
    out.println(
        "  as environment: "
            + ordered(trial.params()).entrySet().stream()
                .map(e -> Parameter.envName(e.getKey()) + "=" + ParamFormat.format(e.getValue()))
                .collect(Collectors.joining(" ")));
  }

  /** Compute used against running every trial to max_t, and how the trials ended. */
  void printCompute(PrintWriter out) {
    String unit = spec.scheduler().timeAttr();
    StringBuilder text =
        new StringBuilder("Compute: ").append(SweepRunCommand.amount(compute.used(), unit));
    if (!Double.isNaN(compute.savedFraction())) {
      text.append(" of ")
          .append(ParamFormat.format(compute.budget()))
          .append(
              String.format(
                  " (%.0f %% saved against running every trial to max_t)",
                  100 * compute.savedFraction()));
    }
    out.println(text);
    List<String> counts = new ArrayList<>();
    for (TrialStatus status : TrialStatus.values()) {
      int count = compute.count(status);
      if (count > 0) {
        counts.add(count + " " + status.id());
      }
    }
    out.println("Trials: " + String.join(", ", counts) + " of " + spec.trials() + ".");
  }

  ObjectNode json() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("name", spec.name());
    root.put("status", status());
    root.put("metric", objective.metric());
    root.put("mode", objective.mode().id());
    root.put("scheduler", spec.scheduler().type());
    root.put("trials", spec.trials());
    ObjectNode computeNode = root.putObject("compute");
    computeNode.put("unit", spec.scheduler().timeAttr());
    computeNode.put("used", compute.used());
    computeNode.put("budget", compute.budget());
    computeNode.put("saved_fraction", compute.savedFraction());
    if (best.isPresent()) {
      root.set("best", trialJson(best.get(), 0));
    } else {
      root.putNull("best");
    }
    ArrayNode board = root.putArray("leaderboard");
    int rank = 0;
    for (Trial trial : ranked) {
      board.add(trialJson(trial, trial.reports() == 0 ? 0 : ++rank));
    }
    return root;
  }

  private ObjectNode trialJson(Trial trial, int rank) {
    ObjectNode node = Json.mapper().createObjectNode();
    if (rank > 0) {
      node.put("rank", rank);
    }
    node.put("trial", trial.number());
    node.put("status", trial.status().id());
    node.put("last", trial.lastValue());
    node.put("best", trial.bestValue());
    node.put("time", trial.time());
    node.put("reports", trial.reports());
    node.put("compute", trial.compute());
    node.put("attempts", trial.attempts());
    if (trial.exitCode() != null) {
      node.put("exit_code", trial.exitCode());
    }
    node.put("reason", trial.reason());
    node.set("params", Json.compact().valueToTree(ordered(trial.params())));
    return node;
  }

  /** The parameters in the order the space declares them (the stored state sorts them). */
  Map<String, Object> ordered(Map<String, Object> params) {
    Map<String, Object> ordered = new java.util.LinkedHashMap<>();
    for (String name : parameterNames()) {
      if (params.containsKey(name)) {
        ordered.put(name, params.get(name));
      }
    }
    params.forEach(ordered::putIfAbsent);
    return ordered;
  }

  private List<String> parameterNames() {
    return names;
  }
}
