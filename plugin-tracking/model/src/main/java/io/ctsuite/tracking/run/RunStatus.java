package io.ctsuite.tracking.run;

/** Where a run stands. */
public enum RunStatus {
  /** Still being recorded (or its recorder died without finishing it). */
  RUNNING,
  /** Ended successfully. */
  FINISHED,
  /** Ended with an error (a non-zero exit code). */
  FAILED,
  /** Stopped from outside (interrupted, aborted, timed out). */
  KILLED
}
