package io.ctsuite.tracking.query;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.RunStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks the runs of a family (or of all families) by one metric, best first, optionally filtered by
 * a {@link RunFilter}, and returns one page. Runs whose value is NaN rank after all others; runs
 * without the metric are left out and counted. Ties keep the order of run ids.
 */
public final class Leaderboard {
  private Leaderboard() {}

  /**
   * @param family the family to rank, or {@code null} for every run
   * @param metric the metric key
   * @param goal whether higher or lower is better
   * @param value which value of each run's series counts
   * @param where a filter expression, or {@code null}
   * @param offset rows to skip (paging)
   * @param limit rows to return at most
   * @param min only values at or above this (NaN: no lower bound)
   * @param max only values at or below this (NaN: no upper bound)
   */
  public record Query(
      String family,
      String metric,
      Goal goal,
      ValueKind value,
      String where,
      int offset,
      int limit,
      double min,
      double max) {
    /** A query without a value range. */
    public Query(
        String family,
        String metric,
        Goal goal,
        ValueKind value,
        String where,
        int offset,
        int limit) {
      this(family, metric, goal, value, where, offset, limit, Double.NaN, Double.NaN);
    }

    public Query {
      if (metric == null || metric.isBlank()) {
        throw new InputException("a leaderboard needs a metric (--metric)");
      }
      if (offset < 0 || limit < 0) {
        throw new InputException("offset and limit cannot be negative");
      }
    }
  }

  /** One ranked run. */
  public record Row(
      int rank,
      String runId,
      String family,
      String name,
      RunStatus status,
      double value,
      long step,
      Map<String, Object> params,
      Map<String, String> tags) {}

  /**
   * A page of the ranking.
   *
   * @param total runs ranked (in the family, matching the filter, having the metric)
   * @param withoutMetric runs in the family matching the filter that lack the metric
   */
  public record Page(Query query, List<Row> rows, int total, int withoutMetric) {}

  public static Page rank(IndexView view, Query query) {
    RunFilter filter = query.where() == null ? null : RunFilter.parse(query.where());
    MetricColumn column = view.metric(query.metric());
    int[] rows = new int[view.size()];
    double[] values = new double[view.size()];
    int n = 0;
    int without = 0;
    for (int r = 0; r < view.size(); r++) {
      if (query.family() != null && !query.family().equals(view.family(r))) {
        continue;
      }
      if (filter != null && !filter.matches(view, r)) {
        continue;
      }
      if (column == null || !column.has(r)) {
        without++;
        continue;
      }
      double value = column.value(r, query.value(), query.goal());
      if (!Double.isNaN(query.min()) && !(value >= query.min())
          || !Double.isNaN(query.max()) && !(value <= query.max())) {
        continue;
      }
      rows[n] = r;
      values[n] = value;
      n++;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    boolean max = query.goal() == Goal.MAX;
    Comparator<Integer> byValue =
        (a, b) -> {
          double x = values[a];
          double y = values[b];
          boolean xn = Double.isNaN(x);
          boolean yn = Double.isNaN(y);
          if (xn || yn) {
            return xn == yn ? 0 : xn ? 1 : -1;
          }
          return max ? Double.compare(y, x) : Double.compare(x, y);
        };
    Arrays.sort(order, byValue.thenComparing(i -> view.id(rows[i])));
    List<Row> page = new ArrayList<>();
    int end = (int) Math.min(n, (long) query.offset() + query.limit());
    for (int i = query.offset(); i < end; i++) {
      int r = rows[order[i]];
      page.add(
          new Row(
              i + 1,
              view.id(r),
              view.family(r),
              view.name(r),
              view.status(r),
              values[order[i]],
              column.step(r, query.value(), query.goal()),
              view.params(r),
              view.tags(r)));
    }
    return new Page(query, page, n, without);
  }
}
