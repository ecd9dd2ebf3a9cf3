package io.ctsuite.tracking.sweep;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ctsuite.tracking.sweep.schedule.Decision;
import io.ctsuite.tracking.sweep.space.PlainValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial of a sweep: its parameters, how far it got, its metric, and why it ended. Mutated only
 * by {@link SweepController} under its lock; readers get copies.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Trial {
  private final int number;
  private final Map<String, Object> params;
  private TrialStatus status = TrialStatus.RUNNING;
  private int attempts = 1;

  @JsonProperty("started_at")
  private long startedAt;

  @JsonProperty("ended_at")
  private long endedAt;

  /** The time attribute at the last report of the current attempt. */
  private double time = Double.NaN;

  /** The last value of the time metric when time_attr names a metric (e.g. epoch). */
  @JsonProperty("time_metric")
  private double timeMetric = Double.NaN;

  private long reports;

  @JsonProperty("last_value")
  private double lastValue = Double.NaN;

  @JsonProperty("best_value")
  private double bestValue = Double.NaN;

  @JsonProperty("best_time")
  private double bestTime = Double.NaN;

  /** Time units used by earlier, interrupted attempts. */
  @JsonProperty("earlier_compute")
  private double earlierCompute;

  @JsonProperty("exit_code")
  private Integer exitCode;

  /** Why it ended (or was told to end): the scheduler's explanation, a failure, a restart. */
  private String reason;

  /** Set when the scheduler said stop or complete, until the process has ended. */
  private String verdict;

  /** The rungs it passed or was stopped at, as explained sentences. */
  private List<String> rungs = new ArrayList<>();

  @JsonCreator
  Trial(@JsonProperty("number") int number, @JsonProperty("params") Map<String, Object> params) {
    this.number = number;
    this.params =
        Collections.unmodifiableMap(
            PlainValues.normalizeAll(params == null ? new LinkedHashMap<>() : params));
  }

  Trial copy() {
    Trial copy = new Trial(number, params);
    copy.status = status;
    copy.attempts = attempts;
    copy.startedAt = startedAt;
    copy.endedAt = endedAt;
    copy.time = time;
    copy.timeMetric = timeMetric;
    copy.reports = reports;
    copy.lastValue = lastValue;
    copy.bestValue = bestValue;
    copy.bestTime = bestTime;
    copy.earlierCompute = earlierCompute;
    copy.exitCode = exitCode;
    copy.reason = reason;
    copy.verdict = verdict;
    copy.rungs = new ArrayList<>(rungs);
    return copy;
  }

  public int number() {
    return number;
  }

  public Map<String, Object> params() {
    return params;
  }

  public TrialStatus status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public long startedAt() {
    return startedAt;
  }

  public long endedAt() {
    return endedAt;
  }

  /** The time attribute at the last report, NaN before any report. */
  public double time() {
    return time;
  }

  public long reports() {
    return reports;
  }

  public double lastValue() {
    return lastValue;
  }

  public double bestValue() {
    return bestValue;
  }

  public double bestTime() {
    return bestTime;
  }

  /** Time units this trial used over all its attempts. */
  public double compute() {
    return earlierCompute + (Double.isNaN(time) ? 0 : Math.max(0, time));
  }

  public Integer exitCode() {
    return exitCode;
  }

  /** Why it ended; null while it runs without a verdict. */
  public String reason() {
    return reason;
  }

  /** The scheduler's stop or complete decision while the process is being ended; else null. */
  public String verdict() {
    return verdict;
  }

  public List<String> rungs() {
    return Collections.unmodifiableList(rungs);
  }

  // ---- changes, by the controller only ----

  void started(long now) {
    status = TrialStatus.RUNNING;
    startedAt = now;
    endedAt = 0;
  }

  double timeMetric() {
    return timeMetric;
  }

  void timeMetric(double value) {
    timeMetric = value;
  }

  void reported(double at, double value, boolean better) {
    reports++;
    time = at;
    lastValue = value;
    if (better || Double.isNaN(bestValue)) {
      bestValue = value;
      bestTime = at;
    }
  }

  void decided(Decision decision) {
    if (decision.reason() != null && !Double.isNaN(decision.rung())) {
      rungs.add(decision.reason());
    }
    if (decision.stops() && verdict == null) {
      verdict = decision.action().name();
      reason = decision.reason();
    }
  }

  void ended(TrialStatus finalStatus, Integer code, String why, long now) {
    status = finalStatus;
    exitCode = code;
    if (why != null) {
      reason = why;
    }
    verdict = null;
    endedAt = now;
  }

  /** A lost attempt: its compute is kept, its progress forgotten, and it runs again. */
  void interrupted() {
    earlierCompute = compute();
    status = TrialStatus.INTERRUPTED;
    reason = "its process was lost when the sweep controller stopped; it runs again";
    attempts++;
    time = Double.NaN;
    timeMetric = Double.NaN;
    reports = 0;
    lastValue = Double.NaN;
    bestValue = Double.NaN;
    bestTime = Double.NaN;
    verdict = null;
    rungs = new ArrayList<>();
  }
}
