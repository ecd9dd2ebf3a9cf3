package io.ctsuite.tracking.sweep;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.sample.Sampler;
import io.ctsuite.tracking.sweep.sample.SamplerKind;
import io.ctsuite.tracking.sweep.schedule.Mode;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.schedule.SchedulerSpec;
import io.ctsuite.tracking.sweep.space.SearchSpace;
import io.ctsuite.tracking.sweep.space.SpaceParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything that defines a sweep, stored with it so that a restarted controller continues the same
 * sweep.
 *
 * @param name the sweep's name: a directory name in the store's {@code sweeps/}
 * @param space the search space as written
 * @param sampler {@code random} or {@code sobol}
 * @param seed the seed of the sampler
 * @param trials how many trials to run
 * @param parallel how many run at once
 * @param metric the metric to optimise, e.g. {@code val/acc}
 * @param mode {@code max} or {@code min}
 * @param scheduler the scheduler's settings
 * @param command the command of each trial ({@code ct sweep run}); empty for Jenkins
 * @param paramArgs whether {@code --name=value} arguments are appended to the command
 */
public record SweepSpec(
    String name,
    JsonNode space,
    String sampler,
    long seed,
    int trials,
    int parallel,
    String metric,
    String mode,
    SchedulerSpec scheduler,
    List<String> command,
    @JsonProperty("param_args") boolean paramArgs) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,99}");
  private static final Set<String> MAP_KEYS =
      Set.of(
          "name",
          "space",
          "sampler",
          "seed",
          "trials",
          "parallel",
          "metric",
          "mode",
          "scheduler",
          "time_attr",
          "max_t",
          "grace_period",
          "reduction_factor",
          "min_samples",
          "brackets",
          "rung_value",
          "rung_window",
          "bracket_selection");

  public SweepSpec {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw new InputException(
          "name: a sweep name has letters, digits, '_', '.', '-' (at most 100), got '"
              + name
              + "'");
    }
    sampler = SamplerKind.parse(sampler, "sampler").id();
    mode = Mode.parse(mode, "mode").id();
    new Objective(metric, Mode.parse(mode, "mode"));
    if (trials < 1) {
      throw new InputException("trials: give at least 1, got " + trials);
    }
    if (parallel < 1) {
      throw new InputException("parallel: give at least 1, got " + parallel);
    }
    scheduler = scheduler == null ? SchedulerSpec.fromMap(Map.of()) : scheduler;
    command = command == null ? List.of() : List.copyOf(command);
  }

  /**
   * A sweep from a Jenkinsfile's map: {@code space}, {@code trials}, {@code parallel}, {@code
   * metric}, {@code mode}, {@code scheduler} and the scheduler's settings ({@code max_t}, ...),
   * {@code sampler}, {@code seed}. {@code trials} defaults to the grid size when the space has a
   * grid, else 16; {@code parallel} to 1; {@code seed} to 0. Unknown keys are reported, so that a
   * misspelt setting is not silently ignored.
   */
  public static SweepSpec fromMap(String name, Map<String, ?> settings) {
    for (String key : settings.keySet()) {
      if (!MAP_KEYS.contains(key)) {
        throw new InputException(
            key
                + ": unknown sweep setting; known: "
                + String.join(", ", new java.util.TreeSet<>(MAP_KEYS)));
      }
    }
    Object space = settings.get("space");
    if (!(space instanceof Map<?, ?> spaceMap)) {
      throw new InputException("space: give the search space as a map of parameter specifications");
    }
    @SuppressWarnings("unchecked")
    SearchSpace parsed = SpaceParser.fromMap((Map<String, ?>) spaceMap, "space");
    int trials = (int) integer(settings, "trials", parsed.hasGrid() ? parsed.gridSize() : 16);
    return new SweepSpec(
        settings.get("name") == null ? name : settings.get("name").toString(),
        parsed.source(),
        settings.get("sampler") == null ? null : settings.get("sampler").toString(),
        integer(settings, "seed", 0),
        trials,
        (int) integer(settings, "parallel", 1),
        settings.get("metric") == null ? null : settings.get("metric").toString(),
        settings.get("mode") == null ? "max" : settings.get("mode").toString(),
        SchedulerSpec.fromMap(settings),
        List.of(),
        false);
  }

  /** The parsed search space. */
  @JsonIgnore
  public SearchSpace searchSpace() {
    return SpaceParser.fromTree(space, "space of sweep " + name);
  }

  /** The sampler for this sweep's space, kind and seed. */
  @JsonIgnore
  public Sampler newSampler() {
    return new Sampler(searchSpace(), SamplerKind.parse(sampler, "sampler"), seed);
  }

  @JsonIgnore
  public Objective objective() {
    return new Objective(metric, Mode.parse(mode, "mode"));
  }

  /** The compute every trial would use if all ran to max_t; infinite without a budget. */
  @JsonIgnore
  public double fullBudget() {
    return trials * scheduler.maxT();
  }

  /** This spec as JSON, for messages and tests. */
  @Override
  public String toString() {
    try {
      return Json.compact().writeValueAsString(this);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return name;
    }
  }

  private static long integer(Map<String, ?> settings, String key, long fallback) {
    Object value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else {
      try {
        number = Double.parseDouble(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new InputException(key + ": expected an integer, got '" + value + "'");
      }
    }
    if (number != Math.rint(number)) {
      throw new InputException(key + ": expected an integer, got " + value);
    }
    return (long) number;
  }
}
