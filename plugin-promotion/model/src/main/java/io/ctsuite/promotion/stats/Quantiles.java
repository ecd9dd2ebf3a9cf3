package io.ctsuite.promotion.stats;

/** Quantiles of sorted data. */
public final class Quantiles {
  private Quantiles() {}

  /**
   * The q-quantile of sorted values with linear interpolation between order statistics (the default
   * of numpy.percentile, which scipy's percentile bootstrap uses).
   */
  public static double linear(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double h = (sorted.length - 1) * q;
    int low = (int) Math.floor(h);
    if (low >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
  }
}
