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
    java.util.function.IntPredicate filter =
        query.where() == null ? null : RunFilter.parse(query.where()).bind(view);
    MetricColumn column = view.metric(query.metric());
    int[] rows = new int[view.size()];
    double[] values = new double[view.size()];
    int n = 0;
    int without = 0;
    for (int r = 0; r < view.size(); r++) {
      if (query.family() != null && !query.family().equals(view.family(r))) {
        continue;
      }
      if (filter != null && !filter.test(r)) {
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
    int wanted = (int) Math.min(n, (long) query.offset() + query.limit());
    int[] top = top(view, rows, values, n, wanted, query.goal() == Goal.MAX);
    List<Row> page = new ArrayList<>();
    for (int i = query.offset(); i < wanted; i++) {
      int k = top[i];
      int r = rows[k];
      page.add(
          new Row(
              i + 1,
              view.id(r),
              view.family(r),
              view.name(r),
              view.status(r),
              values[k],
              column.step(r, query.value(), query.goal()),
              view.params(r),
              view.tags(r)));
    }
    return new Page(query, page, n, without);
  }

  /**
   * The positions of the {@code wanted} best of {@code n} candidates, best first: a bounded heap
   * (worst on top) over all candidates, then sorted, so that a page of 20 of 30,000 runs costs a
   * pass rather than a sort.
   */
  private static int[] top(
      IndexView view, int[] rows, double[] values, int n, int wanted, boolean max) {
    Comparator<Integer> better =
        (a, b) -> {
          double x = values[a];
          double y = values[b];
          boolean xn = Double.isNaN(x);
          boolean yn = Double.isNaN(y);
          int c;
          if (xn || yn) {
            c = xn == yn ? 0 : xn ? 1 : -1;
          } else {
            c = max ? Double.compare(y, x) : Double.compare(x, y);
          }
          return c != 0 ? c : view.id(rows[a]).compareTo(view.id(rows[b]));
        };
    if (wanted == 0) {
      return new int[0];
    }
    java.util.PriorityQueue<Integer> heap =
        new java.util.PriorityQueue<>(wanted + 1, better.reversed());
    for (int i = 0; i < n; i++) {
      if (heap.size() < wanted) {
        heap.add(i);
      } else if (better.compare(i, heap.peek()) < 0) {
        heap.poll();
        heap.add(i);
      }
    }
    Integer[] best = heap.toArray(new Integer[0]);
    Arrays.sort(best, better);
    int[] out = new int[best.length];
    for (int i = 0; i < best.length; i++) {
      out[i] = best[i];
    }
    return out;
  }
}
