package io.ctsuite.tracking.chart;

import io.ctsuite.tracking.run.MetricSeries;
import java.util.Arrays;

/**
 * Thins a series for display to at most a given number of points, keeping its shape and its
 * extremes: the global minimum and maximum always stay, and so do NaN and ±Infinity values (one per
 * stretch of the curve), so that a spike or a divergence never disappears from a chart.
 *
 * <ul>
 *   <li>{@link #lttb}: Largest-Triangle-Three-Buckets (Steinarsson, 2013), the visually closest
 *       thinning for line charts;
 *   <li>{@link #minMax}: the minimum and maximum of each bucket, for noisy curves where every
 *       excursion matters.
 * </ul>
 */
public final class Downsampler {
  private Downsampler() {}

  /** LTTB down to {@code maxPoints} (at least 3), extremes and non-finite values kept. */
  public static MetricSeries lttb(MetricSeries series, int maxPoints) {
    return thin(series, Math.max(3, maxPoints), true);
  }

  /** Per-bucket minimum and maximum down to {@code maxPoints} (at least 4). */
  public static MetricSeries minMax(MetricSeries series, int maxPoints) {
    return thin(series, Math.max(4, maxPoints), false);
  }

  private static MetricSeries thin(MetricSeries series, int maxPoints, boolean lttb) {
    int n = series.size();
    if (n <= maxPoints) {
      return series;
    }
    long[] steps = series.steps();
    double[] values = series.values();
    int[] finite = new int[n];
    int[] nonFinite = new int[n];
    int f = 0;
    int nf = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(values[i])) {
        finite[f++] = i;
      } else {
        nonFinite[nf++] = i;
      }
    }
    int markers = Math.min(nf, Math.max(nf == 0 ? 0 : 1, maxPoints / 10));
    int budget = maxPoints - markers;
    int[] keptFinite =
        f <= budget
            ? Arrays.copyOf(finite, f)
            : lttb ? lttb(steps, values, finite, f, budget) : minMax(values, finite, f, budget);
    int[] keptMarkers = spread(nonFinite, nf, markers);
    int[] kept = merge(keptFinite, keptMarkers);
    long[] s = new long[kept.length];
    long[] w = new long[kept.length];
    double[] v = new double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      s[i] = steps[kept[i]];
      w[i] = series.wallTime(kept[i]);
      v[i] = values[kept[i]];
    }
    return new MetricSeries(series.key(), s, w, v);
  }

  /** LTTB over the points {@code idx[0..m)}; returns {@code budget} of them, extremes included. */
  static int[] lttb(long[] x, double[] y, int[] idx, int m, int budget) {
    int[] out = new int[budget];
    int o = 0;
    out[o++] = idx[0];
    double bucketSize = (double) (m - 2) / (budget - 2);
    int a = 0; // the point chosen in the previous bucket
    for (int b = 0; b < budget - 2; b++) {
      int start = (int) Math.floor(b * bucketSize) + 1;
      int end = Math.min((int) Math.floor((b + 1) * bucketSize) + 1, m - 1);
      int nextStart = end;
      int nextEnd = Math.min((int) Math.floor((b + 2) * bucketSize) + 1, m);
      double avgX = 0;
      double avgY = 0;
      int count = Math.max(1, nextEnd - nextStart);
      for (int j = nextStart; j < nextEnd; j++) {
        avgX += x[idx[j]];
        avgY += y[idx[j]];
      }
      avgX /= count;
      avgY /= count;
      double ax = x[idx[a]];
      double ay = y[idx[a]];
      double bestArea = -1;
      int best = start;
      for (int j = start; j < end; j++) {
        double area = Math.abs((ax - avgX) * (y[idx[j]] - ay) - (ax - x[idx[j]]) * (avgY - ay));
        if (area > bestArea) {
          bestArea = area;
          best = j;
        }
      }
      out[o++] = idx[best];
      a = best;
    }
    out[o++] = idx[m - 1];
    keepExtremes(y, idx, m, out);
    return out;
  }

  /** Puts the global min and max in place of the chosen point nearest to each, if missing. */
  private static void keepExtremes(double[] y, int[] idx, int m, int[] out) {
    int min = idx[0];
    int max = idx[0];
    for (int j = 1; j < m; j++) {
      int i = idx[j];
      if (y[i] < y[min]) {
        min = i;
      }
      if (y[i] > y[max]) {
        max = i;
      }
    }
    for (int extreme : new int[] {min, max}) {
      int at = Arrays.binarySearch(out, extreme);
      if (at >= 0) {
        continue;
      }
      int insertion = -at - 1;
      // replace the neighbour that is no first/last point and no other extreme
      int candidate = insertion < out.length - 1 ? insertion : insertion - 1;
      if (candidate == 0) {
        candidate = 1;
      }
      if (out[candidate] == min || out[candidate] == max) {
        candidate = candidate > 1 ? candidate - 1 : candidate + 1;
      }
      out[candidate] = extreme;
      Arrays.sort(out);
    }
  }

  /** The min and max of each bucket, first and last point kept. */
  static int[] minMax(double[] y, int[] idx, int m, int budget) {
    int buckets = (budget - 2) / 2;
    int[] out = new int[2 + buckets * 2];
    int o = 0;
    out[o++] = idx[0];
    double size = (double) (m - 2) / buckets;
    for (int b = 0; b < buckets; b++) {
      int start = (int) Math.floor(b * size) + 1;
      int end = Math.min((int) Math.floor((b + 1) * size) + 1, m - 1);
      if (start >= end) {
        continue;
      }
      int lo = start;
      int hi = start;
      for (int j = start + 1; j < end; j++) {
        if (y[idx[j]] < y[idx[lo]]) {
          lo = j;
        }
        if (y[idx[j]] > y[idx[hi]]) {
          hi = j;
        }
      }
      out[o++] = idx[Math.min(lo, hi)];
      if (lo != hi) {
        out[o++] = idx[Math.max(lo, hi)];
      }
    }
    out[o++] = idx[m - 1];
    return Arrays.copyOf(out, o);
  }

  /** {@code count} of the points, evenly spread, the first of each stretch. */
  private static int[] spread(int[] idx, int m, int count) {
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      out[k] = idx[(int) ((long) k * m / count)];
    }
    return out;
  }

  private static int[] merge(int[] a, int[] b) {
    int[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    return all;
  }
}
