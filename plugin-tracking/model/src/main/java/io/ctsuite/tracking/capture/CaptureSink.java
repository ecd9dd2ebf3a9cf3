package io.ctsuite.tracking.capture;

import io.ctsuite.tracking.run.MetricPoint;

/**
 * Receives what a capture source finds, in the order it finds it. Every parser of this package
 * (service messages, JSON lines, event files, MLflow, CSV) reports into one of these, so that a run
 * recorder, a live leaderboard of a sweep or a test can consume any source alike.
 *
 * <p>Only {@link #metric} is required; the other kinds are ignored unless overridden. Parsers call
 * the sink from the thread that feeds them; they never call it concurrently.
 */
@FunctionalInterface
public interface CaptureSink {
  /** A metric value. */
  void metric(MetricPoint point);

  /**
   * A hyperparameter. Nested parameters arrive already flattened to dotted keys ({@code
   * optimizer.lr}); the value is a {@link String}, {@link Long}, {@link Double} or {@link Boolean}.
   */
  default void param(String key, Object value) {}

  /** A tag; a tag without a value (a plain label such as {@code nightly}) has the value "". */
  default void tag(String key, String value) {}

  /**
   * A file the run produced, relative to the run's working directory as the producer wrote it.
   *
   * @param role what the file is ({@code checkpoint}, {@code model}, …) or {@code null}
   */
  default void artifact(String path, String role) {}

  /**
   * Bad input that was skipped; everything valid around it was kept. The default ignores it;
   * callers that show warnings override this.
   */
  default void problem(CaptureProblem problem) {}
}
