package io.ctsuite.tracking.sweep.sim;

import io.ctsuite.tracking.sweep.space.SearchSpace;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A kind of training run to simulate: a search space, how a configuration turns into a learning
 * curve (plus what differs between runs of the same configuration), and the evaluation noise.
 */
public interface CurveFamily {
  String name();

  /** One sentence: what the curves look like and why they are hard or easy for early stopping. */
  String description();

  /** The standard deviation of the noise on every evaluation. */
  double noise();

  SearchSpace space();

  /** The curve of a trial with these parameters; {@code random} gives its run-to-run variation. */
  LearningCurve curve(Map<String, Object> params, SplittableRandom random);
}
