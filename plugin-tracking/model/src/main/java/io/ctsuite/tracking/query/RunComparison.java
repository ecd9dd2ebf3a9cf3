package io.ctsuite.tracking.query;

import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.RunSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares runs: the params that differ (the others are only counted), each metric's value per run
 * with its difference to the first run, and curves aligned by step.
 */
public final class RunComparison {
  /** A param whose values are not the same in every run ({@code null} where a run lacks it). */
  public record ParamDiff(String key, List<Object> values) {}

  /**
   * A metric across the runs.
   *
   * @param values the value per run (NaN where a run lacks the metric)
   * @param deltas each value minus the first run's
   * @param goal whether higher or lower is better, guessed from the key
   * @param best the index of the best run, or -1 when no run has a value
   */
  public record MetricDiff(
      String key, List<Double> values, List<Double> deltas, Goal goal, int best) {}

  /** Curves of one metric on a shared step axis; {@code values[run][i]} is NaN where missing. */
  public record Curves(String key, long[] steps, double[][] values) {}

  private final List<RunSummary> runs;
  private final List<ParamDiff> params = new ArrayList<>();
  private final List<MetricDiff> metrics = new ArrayList<>();
  private int sameParams;

  private RunComparison(List<RunSummary> runs, ValueKind kind) {
    this.runs = List.copyOf(runs);
    TreeSet<String> paramKeys = new TreeSet<>();
    TreeSet<String> metricKeys = new TreeSet<>();
    for (RunSummary r : runs) {
      paramKeys.addAll(r.params().keySet());
      metricKeys.addAll(r.metrics().keySet());
    }
    for (String key : paramKeys) {
      List<Object> values = new ArrayList<>();
      runs.forEach(r -> values.add(r.params().get(key)));
      if (values.stream().distinct().count() > 1) {
        params.add(new ParamDiff(key, values));
      } else {
        sameParams++;
      }
    }
    for (String key : metricKeys) {
      Goal goal = guessGoal(key);
      List<Double> values = new ArrayList<>();
      for (RunSummary r : runs) {
        MetricSummary s = r.metric(key);
        values.add(s == null ? Double.NaN : s.value(kind, goal));
      }
      List<Double> deltas = new ArrayList<>();
      double base = values.get(0);
      int best = -1;
      for (int i = 0; i < values.size(); i++) {
        double v = values.get(i);
        deltas.add(v - base);
        if (!Double.isNaN(v)
            && (best < 0 || (goal == Goal.MAX ? v > values.get(best) : v < values.get(best)))) {
          best = i;
        }
      }
      metrics.add(new MetricDiff(key, values, deltas, goal, best));
    }
  }

  /** Compares runs by the given value of each metric (usually {@link ValueKind#LAST}). */
  public static RunComparison of(List<RunSummary> runs, ValueKind kind) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("nothing to compare");
    }
    return new RunComparison(runs, kind);
  }

  public List<RunSummary> runs() {
    return runs;
  }

  public List<ParamDiff> differingParams() {
    return params;
  }

  /** How many params are the same in every run. */
  public int sameParams() {
    return sameParams;
  }

  public List<MetricDiff> metrics() {
    return metrics;
  }

  /**
   * Whether lower is better for a metric, guessed from its name (loss, error, MSE, perplexity,
   * time, …); higher otherwise (accuracy, mAP, F1, reward).
   */
  public static Goal guessGoal(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String low :
        List.of(
            "loss",
            "err",
            "mse",
            "mae",
            "rmse",
            "perplexity",
            "ppl",
            "wer",
            "cer",
            "time",
            "latency",
            "l1",
            "l2",
            "nll",
            "fid",
            "regret")) {
      if (k.contains(low)) {
        return Goal.MIN;
      }
    }
    return Goal.MAX;
  }

  /** Puts the series (one per run, {@code null} for a run without it) on one step axis. */
  public static Curves align(String key, List<MetricSeries> series) {
    TreeSet<Long> steps = new TreeSet<>();
    for (MetricSeries s : series) {
      if (s != null) {
        for (int i = 0; i < s.size(); i++) {
          steps.add(s.step(i));
        }
      }
    }
    long[] axis = steps.stream().mapToLong(Long::longValue).toArray();
    double[][] values = new double[series.size()][axis.length];
    for (int r = 0; r < series.size(); r++) {
      Arrays.fill(values[r], Double.NaN);
      MetricSeries s = series.get(r);
      if (s == null) {
        continue;
      }
      int j = 0;
      for (int i = 0; i < s.size(); i++) {
        while (axis[j] < s.step(i)) {
          j++;
        }
        values[r][j] = s.value(i); // equal steps: the last written wins
      }
    }
    return new Curves(key, axis, values);
  }

  @Override
  public String toString() {
    return "comparison of "
        + runs.stream().map(RunSummary::id).map(Objects::toString).toList()
        + ": "
        + params.size()
        + " params differ";
  }
}
