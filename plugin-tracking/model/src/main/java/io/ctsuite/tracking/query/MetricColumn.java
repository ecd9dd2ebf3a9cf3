package io.ctsuite.tracking.query;

import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;

/**
 * One metric's summary values for every run of an index, by row: what a leaderboard reads without
 * opening any run. A run without the metric has count 0.
 */
public final class MetricColumn {
  final long[] count;
  final double[] first;
  final double[] last;
  final double[] min;
  final double[] max;
  final long[] lastStep;
  final long[] minStep;
  final long[] maxStep;

  MetricColumn(int rows) {
    count = new long[rows];
    first = new double[rows];
    last = new double[rows];
    min = new double[rows];
    max = new double[rows];
    lastStep = new long[rows];
    minStep = new long[rows];
    maxStep = new long[rows];
  }

  void set(int row, MetricSummary s) {
    count[row] = s.count();
    first[row] = s.first();
    last[row] = s.last();
    min[row] = s.min();
    max[row] = s.max();
    lastStep[row] = s.lastStep();
    minStep[row] = s.minStep();
    maxStep[row] = s.maxStep();
  }

  void copy(int row, MetricColumn from, int fromRow) {
    count[row] = from.count[fromRow];
    first[row] = from.first[fromRow];
    last[row] = from.last[fromRow];
    min[row] = from.min[fromRow];
    max[row] = from.max[fromRow];
    lastStep[row] = from.lastStep[fromRow];
    minStep[row] = from.minStep[fromRow];
    maxStep[row] = from.maxStep[fromRow];
  }

  public boolean has(int row) {
    return count[row] > 0;
  }

  public long count(int row) {
    return count[row];
  }

  public double value(int row, ValueKind kind, Goal goal) {
    return switch (kind) {
      case LAST -> last[row];
      case FIRST -> first[row];
      case MIN -> min[row];
      case MAX -> max[row];
      case BEST -> goal == Goal.MAX ? max[row] : min[row];
    };
  }

  /** The step the value of {@code kind} was reached at. */
  public long step(int row, ValueKind kind, Goal goal) {
    return switch (kind) {
      case LAST -> lastStep[row];
      case FIRST -> -1;
      case MIN -> minStep[row];
      case MAX -> maxStep[row];
      case BEST -> goal == Goal.MAX ? maxStep[row] : minStep[row];
    };
  }

  int rows() {
    return count.length;
  }
}
