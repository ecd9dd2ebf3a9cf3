package io.ctsuite.tracking.sweep.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.space.ParamFormat;

/** Runs every trial to its end (or to {@code max_t} when one is set): the baseline. */
public final class FifoScheduler implements TrialScheduler {
  private final String timeAttr;
  private final double maxT;

  /** {@code maxT} may be infinite: trials then end when their process does. */
  public FifoScheduler(String timeAttr, double maxT) {
    this.timeAttr = timeAttr;
    this.maxT = maxT;
  }

  @Override
  public Decision onReport(int trial, double time, double value) {
    if (time >= maxT) {
      return new Decision(
          Decision.Action.COMPLETE,
          trial,
          time,
          value,
          Double.NaN,
          Double.NaN,
          "completed: reached max_t " + ParamFormat.format(maxT) + " " + timeAttr);
    }
    return Decision.proceed(trial, time, value);
  }

  @Override
  public void forget(int trial) {}

  @Override
  public JsonNode snapshot() {
    return Json.mapper().createObjectNode();
  }

  @Override
  public void restore(JsonNode snapshot) {}

  @Override
  public String describe() {
    return "FIFO: every trial runs to its end"
        + (Double.isInfinite(maxT) ? "" : " or max_t " + ParamFormat.format(maxT) + " " + timeAttr);
  }
}
