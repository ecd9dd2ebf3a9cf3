package io.ctsuite.tracking.sweep;

import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a sweep as plain Java values (maps, lists, strings, numbers; NaN as null), for a
 * caller that cannot take the model's objects: a Jenkinsfile receives it from the {@code
 * sweepDecision} step, a build page shows it. The leaderboard ranks trials by their last value, the
 * best is the best completed trial ({@link Leaderboard#best}).
 */
public final class SweepResult {
  private final SweepSpec spec;
  private final Objective objective;
  private final List<Trial> ranked;
  private final Optional<Trial> best;
  private final ComputeSummary compute;

  private SweepResult(SweepSpec spec, List<Trial> trials) {
    this.spec = spec;
    this.objective = spec.objective();
    this.ranked = Leaderboard.rank(trials, objective);
    this.best = Leaderboard.best(trials, objective);
    this.compute = ComputeSummary.of(spec, trials);
  }

  public static SweepResult of(SweepState state) {
    return new SweepResult(state.spec(), state.trials());
  }

  public SweepSpec spec() {
    return spec;
  }

  /** The best trial; empty when no trial reported the metric. */
  public Optional<Trial> best() {
    return best;
  }

  /** All trials, best first; those that reported nothing last. */
  public List<Trial> leaderboard() {
    return ranked;
  }

  public ComputeSummary compute() {
    return compute;
  }

  /**
   * One sentence: "Best: trial 2, val/mAP 0.91 (lr=0.01, batch=64); 38 % of the compute saved; 5
   * trials: 3 completed, 2 stopped."
   */
  public String summary() {
    StringBuilder text = new StringBuilder();
    if (best.isEmpty()) {
      text.append("No trial reported ")
          .append(objective.metric())
          .append("; there is no best configuration");
    } else {
      Trial trial = best.get();
      text.append("Best: trial ")
          .append(trial.number())
          .append(trial.status() == TrialStatus.COMPLETED ? "" : " (" + trial.status().id() + ")")
          .append(", ")
          .append(objective.metric())
          .append(' ')
          .append(Objective.brief(trial.lastValue()))
          .append(" (")
          .append(paramsText(trial.params()))
          .append(')');
    }
    double saved = compute.savedFraction();
    if (!Double.isNaN(saved)) {
      text.append(
          String.format(java.util.Locale.ROOT, "; %.0f %% of the compute saved", 100 * saved));
    }
    text.append("; ").append(countsText()).append('.');
    return text.toString();
  }

  /** "5 trials: 3 completed, 2 stopped" (every status that occurs, in a fixed order). */
  public String countsText() {
    List<String> counts = new ArrayList<>();
    for (TrialStatus status : TrialStatus.values()) {
      int count = compute.count(status);
      if (count > 0) {
        counts.add(count + " " + status.id());
      }
    }
    int started = ranked.size();
    String head = started + " of " + spec.trials() + " trials";
    return counts.isEmpty() ? head : head + ": " + String.join(", ", counts);
  }

  /**
   * {@code best} (a trial map or null), {@code leaderboard} (trial maps, best first, with {@code
   * rank} for those that reported), {@code compute} ({@code unit}, {@code used}, {@code budget},
   * {@code saved}: a fraction or null without a finite budget, {@code counts} by status) and {@code
   * summary}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", spec.name());
    map.put("metric", objective.metric());
    map.put("mode", objective.mode().id());
    map.put("best", best.map(t -> trialMap(t, 0)).orElse(null));
    List<Map<String, Object>> board = new ArrayList<>();
    int rank = 0;
    for (Trial trial : ranked) {
      board.add(trialMap(trial, trial.reports() == 0 ? 0 : ++rank));
    }
    map.put("leaderboard", board);
    map.put("compute", computeMap());
    map.put("summary", summary());
    return map;
  }

  /** Compute used against the full budget, in units of the time attribute. */
  public Map<String, Object> computeMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("unit", spec.scheduler().timeAttr());
    map.put("used", compute.used());
    map.put("budget", finite(compute.budget()));
    map.put("saved", finite(compute.savedFraction()));
    Map<String, Object> counts = new LinkedHashMap<>();
    for (TrialStatus status : TrialStatus.values()) {
      int count = compute.count(status);
      if (count > 0) {
        counts.put(status.id(), count);
      }
    }
    map.put("counts", counts);
    return map;
  }

  /**
   * One trial: {@code number}, {@code params}, {@code status}, {@code value} (its last value of the
   * metric), {@code best}, {@code time}, {@code reports}, {@code compute}, {@code reason}, {@code
   * rungs}, and {@code rank} when {@code rank > 0}.
   */
  public static Map<String, Object> trialMap(Trial trial, int rank) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (rank > 0) {
      map.put("rank", rank);
    }
    map.put("number", trial.number());
    map.put("params", new LinkedHashMap<>(trial.params()));
    map.put("status", trial.status().id());
    map.put("value", finite(trial.lastValue()));
    map.put("best", finite(trial.bestValue()));
    map.put("time", finite(trial.time()));
    map.put("reports", trial.reports());
    map.put("compute", trial.compute());
    map.put("attempts", trial.attempts());
    map.put("reason", trial.reason());
    map.put("rungs", new ArrayList<>(trial.rungs()));
    return map;
  }

  /** "lr=0.01, batch=64". */
  public static String paramsText(Map<String, Object> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + ParamFormat.format(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** NaN and infinities become null: JSON and Groovy callers get "no value" instead. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
