package io.ctsuite.promotion.stats;

import java.io.Serializable;

/**
 * A point estimate of a difference with its confidence interval.
 *
 * @param estimate the observed difference
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 * @param confidence the confidence level, e.g. 0.95
 * @param resamples the number of bootstrap resamples behind it
 */
public record Interval(double estimate, double low, double high, double confidence, int resamples)
    implements Serializable {

  /** Whether the whole interval lies above {@code threshold}. */
  public boolean above(double threshold) {
    return low > threshold;
  }

  /** Whether the whole interval lies below {@code threshold}. */
  public boolean below(double threshold) {
    return high < threshold;
  }
}
