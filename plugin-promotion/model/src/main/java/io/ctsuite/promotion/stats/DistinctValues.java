package io.ctsuite.promotion.stats;

import java.util.Arrays;

/** The distinct values of a sample, ascending, with how often each occurs. */
final class DistinctValues {
  private final double[] values;
  private final long[] counts;

  private DistinctValues(double[] values, long[] counts) {
    this.values = values;
    this.counts = counts;
  }

  /** The distinct values, or null when there are more than {@code limit}. */
  static DistinctValues of(double[] sample, int limit) {
    double[] seen = new double[limit];
    long[] counts = new long[limit];
    int size = 0;
    for (double v : sample) {
      int at = indexOf(seen, size, v);
      if (at < 0) {
        if (size == limit) {
          return null;
        }
        seen[size] = v;
        at = size++;
      }
      counts[at]++;
    }
    double[] values = Arrays.copyOf(seen, size);
    long[] sortedCounts = new long[size];
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(seen[a], seen[b]));
    for (int i = 0; i < size; i++) {
      values[i] = seen[order[i]];
      sortedCounts[i] = counts[order[i]];
    }
    return new DistinctValues(values, sortedCounts);
  }

  private static int indexOf(double[] seen, int size, double v) {
    for (int i = 0; i < size; i++) {
      if (Double.compare(seen[i], v) == 0) {
        return i;
      }
    }
    return -1;
  }

  int size() {
    return values.length;
  }

  double value(int k) {
    return values[k];
  }

  long count(int k) {
    return counts[k];
  }
}
