package io.ctsuite.tracking.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A sweep as stored in {@code sweeps/<name>/sweep.json}: its definition, its trials and the
 * scheduler's memory of earlier reports. Enough to continue after the controller stopped.
 *
 * @param schema the file format's version
 * @param spec the sweep's definition
 * @param trials the trials started so far, by number
 * @param scheduler the scheduler's saved state
 * @param createdAt when the sweep started, milliseconds since the epoch
 * @param updatedAt when this state was taken
 */
public record SweepState(
    int schema,
    SweepSpec spec,
    List<Trial> trials,
    JsonNode scheduler,
    @JsonProperty("created_at") long createdAt,
    @JsonProperty("updated_at") long updatedAt) {

  /** The version written by this code; older versions are read, newer ones refused. */
  public static final int SCHEMA = 1;

  public SweepState {
    trials = trials == null ? List.of() : List.copyOf(trials);
  }

  /** Whether every trial has been started and has ended. */
  public boolean finished() {
    return trials.size() >= spec.trials() && trials.stream().allMatch(t -> t.status().ended());
  }
}
