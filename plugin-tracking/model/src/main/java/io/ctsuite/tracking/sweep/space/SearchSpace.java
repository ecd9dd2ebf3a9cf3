package io.ctsuite.tracking.sweep.space;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a sweep searches, in the order they were declared, with what is needed to turn a
 * point of the unit cube (from a random or Sobol sampler) and a grid index into one trial's
 * parameter values. Build it with {@link SpaceParser}.
 */
public final class SearchSpace {
  private final List<Parameter> declared;
  private final List<Parameter> samplingOrder;
  private final List<Parameter> gridParameters;
  private final int dimensions;
  private final JsonNode source;

  SearchSpace(List<Parameter> declared, List<Parameter> samplingOrder, JsonNode source) {
    this.declared = List.copyOf(declared);
    this.samplingOrder = List.copyOf(samplingOrder);
    this.gridParameters = declared.stream().filter(Parameter::isGrid).toList();
    int next = 0;
    for (Parameter parameter : declared) {
      if (parameter.needsCoordinate()) {
        parameter.dimension(next++);
      }
    }
    this.dimensions = next;
    this.source = source;
  }

  /** The parameters in declaration order. */
  public List<Parameter> parameters() {
    return declared;
  }

  /** How many coordinates a sampled point needs: the searched (non-grid, non-constant) ones. */
  public int dimensions() {
    return dimensions;
  }

  /** The number of grid combinations (1 without grid parameters). */
  public long gridSize() {
    long size = 1;
    for (Parameter parameter : gridParameters) {
      size = Math.multiplyExact(size, parameter.domain().values().size());
    }
    return size;
  }

  public boolean hasGrid() {
    return !gridParameters.isEmpty();
  }

  /** The space as it was written, for storing with the sweep. */
  public JsonNode source() {
    return source;
  }

  /**
   * The parameter values for one trial: grid parameters from combination {@code gridIndex} (modulo
   * the grid size; the last grid parameter varies fastest), searched ones from {@code point}.
   * Parameters whose {@code when} is false, or with no case for their parent's value, are left out.
   * The result keeps the declaration order.
   */
  public Map<String, Object> assign(double[] point, long gridIndex) {
    if (point.length < dimensions) {
      throw new IllegalArgumentException(
          "a point needs " + dimensions + " coordinates, got " + point.length);
    }
    Map<String, Object> gridValues = gridValues(gridIndex);
    Map<String, Object> values = new HashMap<>();
    for (Parameter parameter : samplingOrder) {
      if (parameter.when() != null && !parameter.when().matches(values::get)) {
        continue;
      }
      if (parameter.isGrid()) {
        values.put(parameter.name(), gridValues.get(parameter.name()));
        continue;
      }
      Domain domain =
          parameter.domainFor(parameter.isConditional() ? values.get(parameter.dependsOn()) : null);
      if (domain == null) {
        continue;
      }
      double u = parameter.dimension() < 0 ? 0 : point[parameter.dimension()];
      values.put(parameter.name(), domain.at(u));
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (Parameter parameter : declared) {
      if (values.containsKey(parameter.name())) {
        ordered.put(parameter.name(), values.get(parameter.name()));
      }
    }
    return Collections.unmodifiableMap(ordered);
  }

  private Map<String, Object> gridValues(long gridIndex) {
    Map<String, Object> values = new HashMap<>();
    long rest = Math.floorMod(gridIndex, gridSize());
    List<Parameter> reversed = new ArrayList<>(gridParameters);
    Collections.reverse(reversed);
    for (Parameter parameter : reversed) {
      List<Object> options = parameter.domain().values();
      values.put(parameter.name(), options.get((int) (rest % options.size())));
      rest /= options.size();
    }
    return values;
  }
}
