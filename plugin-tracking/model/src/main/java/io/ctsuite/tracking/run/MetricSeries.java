package io.ctsuite.tracking.run;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * All values of one metric, ordered by step (values of equal steps keep the order they were written
 * in). Bulk data: kept in the run's series files, loaded only when a chart or a comparison needs
 * it.
 */
public final class MetricSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final long[] steps;
  private final long[] wallTimes;
  private final double[] values;

  /** Takes the arrays as they are: ordered by step, of equal length, not modified afterwards. */
  public MetricSeries(String key, long[] steps, long[] wallTimes, double[] values) {
    if (steps.length != wallTimes.length || steps.length != values.length) {
      throw new IllegalArgumentException("series '" + key + "': arrays of different lengths");
    }
    this.key = Objects.requireNonNull(key, "key");
    this.steps = steps;
    this.wallTimes = wallTimes;
    this.values = values;
  }

  public String key() {
    return key;
  }

  public int size() {
    return steps.length;
  }

  public long step(int i) {
    return steps[i];
  }

  public long wallTime(int i) {
    return wallTimes[i];
  }

  public double value(int i) {
    return values[i];
  }

  public MetricPoint point(int i) {
    return new MetricPoint(key, steps[i], wallTimes[i], values[i]);
  }

  /** A copy of the steps. */
  public long[] steps() {
    return steps.clone();
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** A copy of the wall times. */
  public long[] wallTimes() {
    return wallTimes.clone();
  }

  /** The value at {@code step} (the last one written for it), or NaN when the step has none. */
  public double valueAt(long step) {
    int i = Arrays.binarySearch(steps, step);
    if (i < 0) {
      return Double.NaN;
    }
    while (i + 1 < steps.length && steps[i + 1] == step) {
      i++;
    }
    return values[i];
  }

  /** Builds a series from points in any order. */
  public static final class Builder {
    private final String key;
    private long[] steps = new long[16];
    private long[] wallTimes = new long[16];
    private double[] values = new double[16];
    private int size;
    private boolean ordered = true;

    public Builder(String key) {
      this.key = key;
    }

    /** Starts from an existing series, to append to it. */
    public Builder(MetricSeries series) {
      this(series.key);
      for (int i = 0; i < series.size(); i++) {
        add(series.steps[i], series.wallTimes[i], series.values[i]);
      }
    }

    public void add(long step, long wallTime, double value) {
      if (size == steps.length) {
        int capacity = size * 2;
        steps = Arrays.copyOf(steps, capacity);
        wallTimes = Arrays.copyOf(wallTimes, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      if (size > 0 && step < steps[size - 1]) {
        ordered = false;
      }
      steps[size] = step;
      wallTimes[size] = wallTime;
      values[size] = value;
      size++;
    }

    public int size() {
      return size;
    }

    public MetricSeries build() {
      long[] s = Arrays.copyOf(steps, size);
      long[] w = Arrays.copyOf(wallTimes, size);
      double[] v = Arrays.copyOf(values, size);
      if (!ordered) {
        sortByStep(s, w, v);
      }
      return new MetricSeries(key, s, w, v);
    }

    /** A stable sort of the three arrays by step, keeping the written order among equal steps. */
    private static void sortByStep(long[] s, long[] w, double[] v) {
      Integer[] order = new Integer[s.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(s[a], s[b])); // TimSort: stable
      long[] s2 = s.clone();
      long[] w2 = w.clone();
      double[] v2 = v.clone();
      for (int i = 0; i < order.length; i++) {
        s[i] = s2[order[i]];
        w[i] = w2[order[i]];
        v[i] = v2[order[i]];
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricSeries s
        && key.equals(s.key)
        && Arrays.equals(steps, s.steps)
        && Arrays.equals(wallTimes, s.wallTimes)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return key + " (" + size() + " points)";
  }
}
