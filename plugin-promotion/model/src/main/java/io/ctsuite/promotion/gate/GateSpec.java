package io.ctsuite.promotion.gate;

import java.io.Serializable;
import java.util.List;

/**
 * A regression gate: the checks a candidate must pass against the baseline.
 *
 * @param seed the seed of every random resampling, so that the same inputs give the same report
 * @param idColumn the per-example id column, or null to find it by name
 * @param requireDatasetVersion refuse results that do not state their test set's dataset version
 * @param checks the checks, budgets included, in spec order
 */
public record GateSpec(
    long seed, String idColumn, boolean requireDatasetVersion, List<CheckSpec> checks)
    implements Serializable {
  public static final long DEFAULT_SEED = 20_240_601L;

  public GateSpec {
    checks = List.copyOf(checks);
  }
}
