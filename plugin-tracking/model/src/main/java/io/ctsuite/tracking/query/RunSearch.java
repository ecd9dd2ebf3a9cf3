package io.ctsuite.tracking.query;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;

/**
 * Finds runs by result, across families unless one is given: those whose metric value lies in a
 * range, e.g. every run with {@code val/acc} between 0.9 and 0.95, best first.
 */
public final class RunSearch {
  private RunSearch() {}

  /**
   * @param min the lowest value accepted (inclusive), or NaN for no lower bound
   * @param max the highest value accepted (inclusive), or NaN for no upper bound
   * @param family a family to search in, or {@code null} for all
   * @param where a filter expression, or {@code null}
   */
  public static Leaderboard.Page search(
      IndexView view,
      String metric,
      double min,
      double max,
      ValueKind kind,
      Goal goal,
      String family,
      String where,
      int limit) {
    if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
      throw new InputException(
          "the range is empty: the minimum " + min + " is above the maximum " + max);
    }
    return Leaderboard.rank(
        view, new Leaderboard.Query(family, metric, goal, kind, where, 0, limit, min, max));
  }
}
