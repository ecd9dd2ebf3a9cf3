package io.ctsuite.promotion.gate;

/** The gate's decision. */
public enum Verdict {
  /** Every required check passed: the candidate may be promoted. */
  PASS,
  /** At least one required check failed. */
  FAIL,
  /** No required check failed, but at least one could not be decided (e.g. not significant). */
  INCONCLUSIVE
}
