package io.ctsuite.tracking.run;

import java.io.Serializable;
import java.util.Objects;

/**
 * What leaderboards need of one metric series, small enough to keep in {@code run.json} and in a
 * Jenkins build record: the count, the first and last values (by step), the minimum and maximum and
 * their steps, and the mean (what a utilisation figure needs).
 *
 * <p>NaN values count, and can be first or last (a diverged loss stays visible), but never the
 * minimum, maximum or mean; a series of NaN only has NaN as all three. A summary read from a record
 * written before the mean was kept has NaN as its mean.
 */
public final class MetricSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long count;
  private final double first;
  private final double last;
  private final double min;
  private final double max;
  private final long firstStep;
  private final long lastStep;
  private final long minStep;
  private final long maxStep;
  private final long lastWallTime;
  private final double mean;

  /** A summary without a mean (NaN), as records written before the mean was kept have. */
  public MetricSummary(
      long count,
      double first,
      double last,
      double min,
      double max,
      long firstStep,
      long lastStep,
      long minStep,
      long maxStep,
      long lastWallTime) {
    this(
        count,
        first,
        last,
        min,
        max,
        firstStep,
        lastStep,
        minStep,
        maxStep,
        lastWallTime,
        Double.NaN);
  }

  public MetricSummary(
      long count,
      double first,
      double last,
      double min,
      double max,
      long firstStep,
      long lastStep,
      long minStep,
      long maxStep,
      long lastWallTime,
      double mean) {
    this.count = count;
    this.first = first;
    this.last = last;
    this.min = min;
    this.max = max;
    this.firstStep = firstStep;
    this.lastStep = lastStep;
    this.minStep = minStep;
    this.maxStep = maxStep;
    this.lastWallTime = lastWallTime;
    this.mean = mean;
  }

  /** The summary of a whole series. */
  public static MetricSummary of(MetricSeries series) {
    Accumulator acc = new Accumulator();
    for (int i = 0; i < series.size(); i++) {
      acc.add(series.step(i), series.wallTime(i), series.value(i));
    }
    return acc.summary();
  }

  public long count() {
    return count;
  }

  public double first() {
    return first;
  }

  /** The value at the highest step (the latest written among equal steps). */
  public double last() {
    return last;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public long firstStep() {
    return firstStep;
  }

  public long lastStep() {
    return lastStep;
  }

  public long minStep() {
    return minStep;
  }

  public long maxStep() {
    return maxStep;
  }

  /** When the last value was recorded, epoch milliseconds. */
  public long lastWallTime() {
    return lastWallTime;
  }

  /**
   * The mean of the values that are numbers (NaN left out), e.g. a GPU's average utilisation over a
   * run's samples; NaN when there is none, or when the record predates the mean.
   */
  public double mean() {
    return mean;
  }

  /** The value a ranking uses. */
  public double value(ValueKind kind, Goal goal) {
    return switch (kind) {
      case LAST -> last;
      case FIRST -> first;
      case MIN -> min;
      case MAX -> max;
      case BEST -> goal == Goal.MAX ? max : min;
    };
  }

  /** Whether a higher or a lower value is better. */
  public enum Goal {
    MAX,
    MIN
  }

  /** Which value of a series stands for the run. */
  public enum ValueKind {
    /** The best value over the run (max or min, as the goal says). */
    BEST,
    /** The value at the last step. */
    LAST,
    FIRST,
    MIN,
    MAX
  }

  /** Builds a summary point by point, in any order of steps. */
  public static final class Accumulator {
    private long count;
    private double first = Double.NaN;
    private double last = Double.NaN;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private long firstStep = Long.MAX_VALUE;
    private long lastStep = Long.MIN_VALUE;
    private long minStep = -1;
    private long maxStep = -1;
    private long lastWallTime;
    private double sum;
    private long numbers;

    public void add(long step, long wallTime, double value) {
      count++;
      if (step < firstStep) {
        firstStep = step;
        first = value;
      }
      if (step >= lastStep) {
        lastStep = step;
        last = value;
        lastWallTime = wallTime;
      }
      if (!Double.isNaN(value)) {
        sum += value;
        numbers++;
        if (Double.isNaN(min) || value < min) {
          min = value;
          minStep = step;
        }
        if (Double.isNaN(max) || value > max) {
          max = value;
          maxStep = step;
        }
      }
    }

    public long count() {
      return count;
    }

    public MetricSummary summary() {
      if (count == 0) {
        return new MetricSummary(
            0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, -1, -1, 0);
      }
      return new MetricSummary(
          count,
          first,
          last,
          min,
          max,
          firstStep,
          lastStep,
          minStep,
          maxStep,
          lastWallTime,
          numbers == 0 ? Double.NaN : sum / numbers);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricSummary s
        && count == s.count
        && Double.compare(first, s.first) == 0
        && Double.compare(last, s.last) == 0
        && Double.compare(min, s.min) == 0
        && Double.compare(max, s.max) == 0
        && firstStep == s.firstStep
        && lastStep == s.lastStep
        && minStep == s.minStep
        && maxStep == s.maxStep
        && lastWallTime == s.lastWallTime
        && Double.compare(mean, s.mean) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, first, last, min, max, firstStep, lastStep, lastWallTime);
  }

  @Override
  public String toString() {
    return String.format(
        "%d points, steps %d..%d, last %s, min %s, max %s",
        count, firstStep, lastStep, Metrics.format(last), Metrics.format(min), Metrics.format(max));
  }
}
