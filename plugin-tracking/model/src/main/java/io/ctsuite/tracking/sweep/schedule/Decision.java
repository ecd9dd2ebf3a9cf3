package io.ctsuite.tracking.sweep.schedule;

/**
 * What a scheduler decided about a trial after one report, and why, in words a user reads in the
 * console: "trial 7 stopped at epoch 4: val/mAP 0.31 below rung-4 cutoff 0.35 ...".
 *
 * @param action continue, stop early, or complete (the trial reached its budget)
 * @param trial the trial's number
 * @param time the value of the time attribute at the report
 * @param value the metric value reported
 * @param rung the rung (milestone) this report was recorded at, NaN when none
 * @param cutoff the value the trial had to reach to continue, NaN when not compared
 * @param reason why, without the trial's number: "stopped at epoch 4: val/mAP 0.31 below ..."
 */
public record Decision(
    Action action,
    int trial,
    double time,
    double value,
    double rung,
    double cutoff,
    String reason) {

  /** What happens to the trial. */
  public enum Action {
    CONTINUE,
    STOP,
    COMPLETE
  }

  /** Continues without a comparison (no rung reached, or nothing to compare with). */
  public static Decision proceed(int trial, double time, double value) {
    return new Decision(Action.CONTINUE, trial, time, value, Double.NaN, Double.NaN, null);
  }

  public boolean stops() {
    return action != Action.CONTINUE;
  }

  /** Whether this decision says something worth showing (every stop, every rung passed). */
  public boolean noteworthy() {
    return reason != null;
  }

  /** The full sentence: "trial 7 stopped at epoch 4: ...". */
  public String explain() {
    return "trial " + trial + " " + (reason == null ? "continues" : reason);
  }
}
