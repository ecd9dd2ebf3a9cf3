package io.ctsuite.tracking.session;

import io.ctsuite.tracking.query.IndexView;
import io.ctsuite.tracking.query.MetricColumn;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric across the runs of an index, one value per number a tag holds (e.g. the build number a
 * CI system tags each run with): where several runs share a number, the best value counts. Read
 * from the index's columns, so thousands of runs cost one pass and no run file.
 *
 * @param keys the tag's numbers, ascending
 * @param values the value per number
 * @param times when the value was recorded (the last point's wall time), epoch milliseconds
 */
public record RunTrend(long[] keys, double[] values, long[] times) {
  /**
   * @param family only runs of this family, or {@code null} for all
   * @param tag the tag holding the number; runs without it (or with no number) are left out
   */
  public static RunTrend of(
      IndexView view, String metric, Goal goal, ValueKind kind, String family, String tag) {
    MetricColumn column = view.metric(metric);
    TreeMap<Long, double[]> best = new TreeMap<>();
    if (column != null) {
      for (int r = 0; r < view.size(); r++) {
        if (!column.has(r) || family != null && !family.equals(view.family(r))) {
          continue;
        }
        Long key = number(view.tags(r).get(tag));
        double value = column.value(r, kind, goal);
        if (key == null || Double.isNaN(value)) {
          continue;
        }
        Long started = view.startedAt(r);
        double[] seen = best.get(key);
        if (seen == null || (goal == Goal.MAX ? value > seen[0] : value < seen[0])) {
          best.put(key, new double[] {value, started == null ? 0 : started});
        }
      }
    }
    long[] keys = new long[best.size()];
    double[] values = new double[best.size()];
    long[] times = new long[best.size()];
    int i = 0;
    for (Map.Entry<Long, double[]> e : best.entrySet()) {
      keys[i] = e.getKey();
      values[i] = e.getValue()[0];
      times[i] = (long) e.getValue()[1];
      i++;
    }
    return new RunTrend(keys, values, times);
  }

  public int size() {
    return keys.length;
  }

  private static Long number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
