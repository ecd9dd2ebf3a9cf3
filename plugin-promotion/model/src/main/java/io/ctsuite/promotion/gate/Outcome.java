package io.ctsuite.promotion.gate;

/** The outcome of one row of the gate table. */
public enum Outcome {
  PASS,
  /** Clearly short of a requirement. */
  FAIL,
  /**
   * Neither shown to meet nor to miss a requirement, e.g. an improvement that is not significant.
   */
  INCONCLUSIVE,
  /** Not judged: a slice with fewer examples than the spec asks for. */
  SKIPPED;

  /** The worse of two outcomes: FAIL over INCONCLUSIVE over PASS. */
  static Outcome worst(Outcome a, Outcome b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(Outcome outcome) {
    return switch (outcome) {
      case SKIPPED -> 0;
      case PASS -> 1;
      case INCONCLUSIVE -> 2;
      case FAIL -> 3;
    };
  }
}
