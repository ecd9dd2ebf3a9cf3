package io.ctsuite.tracking.sweep.space;

import io.ctsuite.core.expr.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One named parameter of a search space. It is either searched over a {@link Domain}, enumerated as
 * a grid, or chosen by the value of another parameter ({@code depends_on} with {@code cases}); with
 * {@code when} it exists only in trials where a condition on other parameters holds.
 */
public final class Parameter {
  private final String name;
  private final Domain domain;
  private final boolean grid;
  private final String dependsOn;
  private final Map<String, Domain> cases;
  private final Domain otherwise;
  private final Expression when;
  private int dimension = -1;

  private Parameter(
      String name,
      Domain domain,
      boolean grid,
      String dependsOn,
      Map<String, Domain> cases,
      Domain otherwise,
      Expression when) {
    this.name = name;
    this.domain = domain;
    this.grid = grid;
    this.dependsOn = dependsOn;
    this.cases = cases == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cases));
    this.otherwise = otherwise;
    this.when = when;
  }

  /** A parameter searched over {@code domain}. */
  public static Parameter searched(String name, Domain domain, Expression when) {
    return new Parameter(name, domain, false, null, null, null, when);
  }

  /** A parameter whose values are all tried, in order, combined with every other grid parameter. */
  public static Parameter grid(String name, Domain.Choice values) {
    return new Parameter(name, values, true, null, null, null, null);
  }

  /**
   * A parameter whose domain is picked by the value of {@code dependsOn}: {@code cases} keyed by
   * {@link ParamFormat#caseKey}, {@code otherwise} (may be null) for any other value.
   */
  public static Parameter conditional(
      String name, String dependsOn, Map<String, Domain> cases, Domain otherwise, Expression when) {
    return new Parameter(name, null, false, dependsOn, cases, otherwise, when);
  }

  public String name() {
    return name;
  }

  /**
   * The environment variable a trial receives it in: {@code CT_PARAM_} and the name in capitals.
   */
  public String envName() {
    return envName(name);
  }

  /** The environment variable of a parameter called {@code name}. */
  public static String envName(String name) {
    return "CT_PARAM_" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  public boolean isGrid() {
    return grid;
  }

  public boolean isConditional() {
    return dependsOn != null;
  }

  public String dependsOn() {
    return dependsOn;
  }

  public Expression when() {
    return when;
  }

  /** The domain; null for a parameter chosen by cases. */
  public Domain domain() {
    return domain;
  }

  public Map<String, Domain> cases() {
    return cases;
  }

  public Domain otherwise() {
    return otherwise;
  }

  /**
   * The index of this parameter's coordinate in a sampled point, or -1 when it needs none (grid
   * parameters and constants). A conditional parameter keeps one coordinate whatever case applies,
   * so the sampled point has the same meaning in every trial.
   */
  public int dimension() {
    return dimension;
  }

  void dimension(int index) {
    this.dimension = index;
  }

  /** Whether sampling it consumes a coordinate. */
  boolean needsCoordinate() {
    if (grid) {
      return false;
    }
    if (domain != null) {
      return !(domain instanceof Domain.Constant);
    }
    List<Domain> all = new ArrayList<>(cases.values());
    if (otherwise != null) {
      all.add(otherwise);
    }
    return all.stream().anyMatch(d -> !(d instanceof Domain.Constant));
  }

  /** The names this parameter reads: its {@code depends_on} and those in its {@code when}. */
  public Set<String> reads() {
    Set<String> names = new LinkedHashSet<>();
    if (dependsOn != null) {
      names.add(dependsOn);
    }
    if (when != null) {
      names.addAll(when.names());
    }
    return names;
  }

  /** The domain that applies given the value of the parameter it depends on; null if none. */
  public Domain domainFor(Object parentValue) {
    if (domain != null) {
      return domain;
    }
    if (parentValue != null) {
      Domain match = cases.get(ParamFormat.caseKey(parentValue));
      if (match != null) {
        return match;
      }
    }
    return otherwise;
  }

  /** A readable description: {@code loguniform(0.0001, 0.1)}, {@code grid[32, 64]}, cases. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (grid) {
      text.append("grid").append(ParamFormat.list(domain.values()));
    } else if (domain != null) {
      text.append(domain.describe());
    } else {
      text.append("by ").append(dependsOn).append(": ");
      List<String> parts = new ArrayList<>();
      cases.forEach((key, d) -> parts.add(key + " → " + d.describe()));
      if (otherwise != null) {
        parts.add("otherwise → " + otherwise.describe());
      }
      text.append(String.join("; ", parts));
    }
    if (when != null) {
      text.append(" when ").append(when);
    }
    return text.toString();
  }
}
