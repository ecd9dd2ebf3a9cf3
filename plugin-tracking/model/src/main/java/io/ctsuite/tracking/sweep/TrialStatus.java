package io.ctsuite.tracking.sweep;

/** Where a trial stands. */
public enum TrialStatus {
  /** Started and not yet ended. */
  RUNNING,
  /** Ran to its end: its process exited with 0, or it reached the budget max_t. */
  COMPLETED,
  /** Stopped early by the scheduler because it was losing. */
  STOPPED,
  /** Its process failed (non-zero exit) without being stopped. */
  FAILED,
  /** Its process was lost when the controller stopped; it starts again from scratch. */
  INTERRUPTED;

  public boolean ended() {
    return this == COMPLETED || this == STOPPED || this == FAILED;
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
