package io.ctsuite.promotion.stats;

import java.io.Serializable;

/**
 * McNemar's test for two classifiers judged on the same examples: only the discordant pairs count,
 * {@code b} where the candidate is right and the baseline wrong, {@code c} the other way round.
 */
public final class McNemar {
  /** How the p-value is computed. */
  public enum Method {
    /** The exact two-sided binomial test on the discordant pairs; valid for any counts. */
    EXACT,
    /** The chi-squared approximation with Edwards' continuity correction. */
    CONTINUITY,
    /** The chi-squared approximation without correction. */
    CHI2
  }

  /**
   * The test's outcome.
   *
   * @param candidateOnly examples the candidate gets right and the baseline wrong
   * @param baselineOnly examples the baseline gets right and the candidate wrong
   * @param pValue the two-sided p-value of "both are equally often right"
   */
  public record Result(long candidateOnly, long baselineOnly, double pValue, Method method)
      implements Serializable {}

  private McNemar() {}

  /** Tests paired 0/1 outcomes (1 = correct), the arrays paired by index. */
  public static Result test(double[] candidate, double[] baseline, Method method) {
    long b = 0;
    long c = 0;
    for (int i = 0; i < candidate.length; i++) {
      boolean cand = candidate[i] != 0;
      boolean base = baseline[i] != 0;
      if (cand && !base) {
        b++;
      } else if (base && !cand) {
        c++;
      }
    }
    return test(b, c, method);
  }

  public static Result test(long b, long c, Method method) {
    return new Result(b, c, pValue(b, c, method), method);
  }

  static double pValue(long b, long c, Method method) {
    long n = b + c;
    if (n == 0) {
      return 1.0;
    }
    switch (method) {
      case EXACT:
        return Math.min(1.0, 2 * binomialLowerTail(Math.min(b, c), n));
      case CONTINUITY:
        {
          double excess = Math.max(0, Math.abs(b - c) - 1.0);
          return chiSquared1Survival(excess * excess / n);
        }
      case CHI2:
        {
          double diff = b - c;
          return chiSquared1Survival(diff * diff / n);
        }
      default:
        throw new IllegalArgumentException(String.valueOf(method));
    }
  }

  /** P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so that large n cannot underflow. */
  static double binomialLowerTail(long k, long n) {
    double logTerm = -n * Math.log(2); // log P(X = 0)
    double logSum = logTerm;
    for (long i = 0; i < k; i++) {
      logTerm += Math.log((double) (n - i)) - Math.log((double) (i + 1));
      logSum = logAdd(logSum, logTerm);
    }
    return Math.exp(logSum);
  }

  private static double logAdd(double a, double b) {
    double max = Math.max(a, b);
    return max + Math.log1p(Math.exp(Math.min(a, b) - max));
  }

  /** P(X > x) for X ~ chi-squared with one degree of freedom. */
  static double chiSquared1Survival(double x) {
    return x <= 0 ? 1.0 : Erf.erfc(Math.sqrt(x / 2));
  }
}
