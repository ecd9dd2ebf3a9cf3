package io.ctsuite.tracking.sweep.sim;

/** The expected validation metric of one simulated trial after each epoch. */
@FunctionalInterface
public interface LearningCurve {
  /** The noise-free value after {@code epoch} epochs (from 1). */
  double mean(int epoch);
}
