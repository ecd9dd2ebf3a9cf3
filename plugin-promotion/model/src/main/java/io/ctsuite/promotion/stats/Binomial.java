package io.ctsuite.promotion.stats;

/**
 * Exact binomial random numbers by inversion: from 0 when the mean is small, else by a search that
 * starts at the mode and walks outwards, which takes a number of steps in the order of the standard
 * deviation (about 160 for a million trials), whatever the number of trials.
 */
final class Binomial {
  private static final int SMALL_MEAN = 30;
  private static final double[] LOG_FACTORIAL = new double[256];

  static {
    for (int i = 1; i < LOG_FACTORIAL.length; i++) {
      LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
    }
  }

  private Binomial() {}

  /** A draw from Binomial(n, p). */
  static long sample(Xoshiro256 rng, long n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (p > 0.5) {
      return n - sample(rng, n, 1 - p);
    }
    return n * p < SMALL_MEAN ? fromZero(rng, n, p) : fromMode(rng, n, p);
  }

  private static long fromZero(Xoshiro256 rng, long n, double p) {
    double ratio = p / (1 - p);
    while (true) {
      double u = rng.nextDouble();
      double pmf = Math.exp(n * Math.log1p(-p));
      long k = 0;
      while (u >= pmf && k < n) {
        u -= pmf;
        pmf *= ratio * (n - k) / (k + 1);
        k++;
        if (pmf == 0) {
          break; // fell off the far tail through rounding: draw again
        }
      }
      if (u < pmf) {
        return k;
      }
    }
  }

  private static long fromMode(Xoshiro256 rng, long n, double p) {
    long mode = (long) Math.floor((n + 1) * p);
    if (mode > n) {
      mode = n;
    }
    double atMode =
        Math.exp(
            logFactorial(n)
                - logFactorial(mode)
                - logFactorial(n - mode)
                + mode * Math.log(p)
                + (n - mode) * Math.log1p(-p));
    double ratio = p / (1 - p);
    while (true) {
      double u = rng.nextDouble();
      if (u < atMode) {
        return mode;
      }
      u -= atMode;
      long down = mode;
      long up = mode;
      double pmfDown = atMode;
      double pmfUp = atMode;
      boolean downOpen = true;
      boolean upOpen = true;
      while (downOpen || upOpen) {
        if (downOpen) {
          if (down == 0) {
            downOpen = false;
          } else {
            pmfDown *= down / (ratio * (n - down + 1));
            down--;
            if (u < pmfDown) {
              return down;
            }
            u -= pmfDown;
            downOpen = pmfDown > 0;
          }
        }
        if (upOpen) {
          if (up == n) {
            upOpen = false;
          } else {
            pmfUp *= ratio * (n - up) / (up + 1);
            up++;
            if (u < pmfUp) {
              return up;
            }
            u -= pmfUp;
            upOpen = pmfUp > 0;
          }
        }
      }
      // rounding left a sliver of probability unassigned: draw again
    }
  }

  /** log(k!) exactly from a table for small k, else by Stirling's series (error below 1e-14). */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) k];
    }
    double x = k + 1.0; // log(k!) = lgamma(k + 1)
    double inverse = 1 / x;
    double inverse2 = inverse * inverse;
    double series =
        inverse
            * (1.0 / 12
                - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680))));
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
  }
}
