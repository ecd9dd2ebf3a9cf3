package io.ctsuite.promotion.stats;

/** The complementary error function, which Java's Math lacks. */
final class Erf {
  private Erf() {}

  /**
   * erfc(x) by the Chebyshev fit of Numerical Recipes (section 6.2): relative error below 1.2e-7
   * everywhere, ample for a p-value compared with a significance level.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly =
        -z * z
            - 1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    double result = t * Math.exp(poly);
    return x >= 0 ? result : 2 - result;
  }
}
