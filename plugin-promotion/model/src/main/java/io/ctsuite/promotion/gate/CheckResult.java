package io.ctsuite.promotion.gate;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the gate table: a check, overall or within one slice. A plain class (not a record) so
 * that Jenkins can store it in build records.
 */
public final class CheckResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String metric;
  private final String slice;
  private final boolean required;
  private final Direction better;
  private final double candidate;
  private final double baseline;
  private final Double intervalLow;
  private final Double intervalHigh;
  private final Double pValue;
  private final String test;
  private final String threshold;
  private final Outcome outcome;
  private final String reason;
  private final Integer examples;

  public CheckResult(
      String name,
      String metric,
      String slice,
      boolean required,
      Direction better,
      double candidate,
      double baseline,
      Double intervalLow,
      Double intervalHigh,
      Double pValue,
      String test,
      String threshold,
      Outcome outcome,
      String reason,
      Integer examples) {
    this.name = name;
    this.metric = metric;
    this.slice = slice;
    this.required = required;
    this.better = better;
    this.candidate = candidate;
    this.baseline = baseline;
    this.intervalLow = intervalLow;
    this.intervalHigh = intervalHigh;
    this.pValue = pValue;
    this.test = test;
    this.threshold = threshold;
    this.outcome = outcome;
    this.reason = reason;
    this.examples = examples;
  }

  /** The row's label: the check's name, with the slice in brackets for slice rows. */
  public String label() {
    return slice == null ? name : name + " [" + slice + "]";
  }

  public String name() {
    return name;
  }

  public String metric() {
    return metric;
  }

  /** "column=value" for slice rows, null for the overall row. */
  public String slice() {
    return slice;
  }

  public boolean required() {
    return required;
  }

  public Direction better() {
    return better;
  }

  public double candidate() {
    return candidate;
  }

  public double baseline() {
    return baseline;
  }

  /** Candidate minus baseline. */
  public double difference() {
    return candidate - baseline;
  }

  /** The lower end of the confidence interval of the difference, or null without one. */
  public Double intervalLow() {
    return intervalLow;
  }

  public Double intervalHigh() {
    return intervalHigh;
  }

  /** McNemar's p-value, or null. */
  public Double pValue() {
    return pValue;
  }

  /** The significance test in words, or null. */
  public String test() {
    return test;
  }

  /** The requirements in words, e.g. "floor 0.75; max regression 0.01". */
  public String threshold() {
    return threshold;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Why, in words. */
  public String reason() {
    return reason;
  }

  /** The number of examples behind the values, or null for aggregate metrics. */
  public Integer examples() {
    return examples;
  }

  /** The interval or p-value as shown in tables, or "" without one. */
  public String intervalText() {
    if (intervalLow != null && intervalHigh != null) {
      return "[" + Numbers.format(intervalLow) + ", " + Numbers.format(intervalHigh) + "]";
    }
    if (pValue != null) {
      return "p = " + Numbers.format(pValue);
    }
    return "";
  }

  /** Plain values only: for JSON, Groovy and Jenkins pages. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("label", label());
    map.put("metric", metric);
    map.put("slice", slice);
    map.put("required", required);
    map.put("better", better.word());
    map.put("candidate", candidate);
    map.put("baseline", baseline);
    map.put("difference", difference());
    if (intervalLow != null) {
      Map<String, Object> interval = new LinkedHashMap<>();
      interval.put("low", intervalLow);
      interval.put("high", intervalHigh);
      map.put("interval", interval);
    } else {
      map.put("interval", null);
    }
    map.put("pValue", pValue);
    map.put("test", test);
    map.put("threshold", threshold);
    map.put("outcome", outcome.name());
    map.put("reason", reason);
    map.put("examples", examples);
    return map;
  }

  /** Reads a row back from {@link #toMap()}'s form (a JSON report). */
  static CheckResult fromMap(Map<?, ?> map) {
    Map<?, ?> interval = (Map<?, ?>) map.get("interval");
    return new CheckResult(
        (String) map.get("name"),
        (String) map.get("metric"),
        (String) map.get("slice"),
        Boolean.TRUE.equals(map.get("required")),
        Direction.valueOf(String.valueOf(map.get("better")).toUpperCase(java.util.Locale.ROOT)),
        number(map.get("candidate")),
        number(map.get("baseline")),
        interval == null ? null : number(interval.get("low")),
        interval == null ? null : number(interval.get("high")),
        map.get("pValue") == null ? null : number(map.get("pValue")),
        (String) map.get("test"),
        (String) map.get("threshold"),
        Outcome.valueOf(String.valueOf(map.get("outcome"))),
        (String) map.get("reason"),
        map.get("examples") == null ? null : ((Number) map.get("examples")).intValue());
  }

  static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    Double parsed = value == null ? null : Column.toNumber(value.toString());
    return parsed == null ? Double.NaN : parsed;
  }
}
