package io.ctsuite.tracking.sweep.schedule;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides, each time a trial reports its metric, whether it continues. Implementations keep what
 * they need about earlier reports and can save it as JSON, so that a restarted sweep decides as if
 * it had never stopped. Not thread-safe: the sweep controller serialises calls.
 */
public interface TrialScheduler {
  /** Records a report of {@code value} at {@code time} (the time attribute) and decides. */
  Decision onReport(int trial, double time, double value);

  /**
   * Drops what is known about a trial that starts again from scratch (its process was lost when the
   * controller stopped): it earns its rungs anew.
   */
  void forget(int trial);

  /** The state to persist. */
  JsonNode snapshot();

  /** Restores a state saved by {@link #snapshot()} of the same kind of scheduler. */
  void restore(JsonNode snapshot);

  /** One line for the console: "ASHA: rungs at step 1, 3, 9, 27; max_t 81; top 1/3 continue". */
  String describe();
}
