package io.ctsuite.promotion.gate;

import io.ctsuite.promotion.stats.McNemar;
import java.io.Serializable;

/**
 * A significance requirement on the difference between candidate and baseline.
 *
 * @param test the paired test
 * @param alpha the significance level; a bootstrap interval has confidence 1 - alpha
 * @param resamples bootstrap resamples
 * @param method how McNemar's p-value is computed
 */
public record Significance(Test test, double alpha, int resamples, McNemar.Method method)
    implements Serializable {
  /** The paired tests on offer. */
  public enum Test {
    /** Paired bootstrap confidence interval of the difference of means: any per-example score. */
    BOOTSTRAP,
    /** McNemar's test on paired correct/incorrect outcomes. */
    MCNEMAR
  }

  public static final double DEFAULT_ALPHA = 0.05;
  public static final int DEFAULT_RESAMPLES = 10_000;

  /** In words, e.g. "bootstrap 95%, 10000 resamples" or "McNemar exact, alpha 0.05". */
  public String describe() {
    if (test == Test.BOOTSTRAP) {
      return "paired bootstrap "
          + Numbers.format((1 - alpha) * 100)
          + "%, "
          + resamples
          + " resamples";
    }
    String how =
        switch (method) {
          case EXACT -> "exact";
          case CONTINUITY -> "with continuity correction";
          case CHI2 -> "chi-squared";
        };
    return "McNemar " + how + ", alpha " + Numbers.format(alpha);
  }
}
