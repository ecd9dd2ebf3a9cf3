package io.ctsuite.promotion.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's verdict with its table of checks and what was compared. Serializable and convertible
 * to a plain map, so that the Jenkins steps can keep it and return it to a Pipeline.
 */
public final class GateResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Verdict verdict;
  private final String summary;
  private final ArrayList<CheckResult> checks;
  private final ArrayList<String> candidate;
  private final ArrayList<String> baseline;
  private final String datasetVersion;
  private final Integer examples;
  private final long seed;
  private final ArrayList<String> notes;

  public GateResult(
      Verdict verdict,
      String summary,
      List<CheckResult> checks,
      List<String> candidate,
      List<String> baseline,
      String datasetVersion,
      Integer examples,
      long seed,
      List<String> notes) {
    this.verdict = verdict;
    this.summary = summary;
    // plain ArrayLists: Java serialization and Jenkins' XStream both store them as they are
    this.checks = new ArrayList<>(checks);
    this.candidate = new ArrayList<>(candidate);
    this.baseline = new ArrayList<>(baseline);
    this.datasetVersion = datasetVersion;
    this.examples = examples;
    this.seed = seed;
    this.notes = new ArrayList<>(notes);
  }

  public Verdict verdict() {
    return verdict;
  }

  /** One sentence: the verdict's reason. */
  public String summary() {
    return summary;
  }

  public List<CheckResult> checks() {
    return Collections.unmodifiableList(checks);
  }

  /** The candidate's result files. */
  public List<String> candidate() {
    return Collections.unmodifiableList(candidate);
  }

  /** The baseline's result files. */
  public List<String> baseline() {
    return Collections.unmodifiableList(baseline);
  }

  /** The test set's dataset version, or null when the results do not state it. */
  public String datasetVersion() {
    return datasetVersion;
  }

  /** The number of paired examples, or null for aggregate results only. */
  public Integer examples() {
    return examples;
  }

  public long seed() {
    return seed;
  }

  /** Things the reader should know, e.g. that a dataset version could not be compared. */
  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  public boolean passed() {
    return verdict == Verdict.PASS;
  }

  /** Plain values only (strings, numbers, booleans, lists, maps): for JSON and Groovy. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("verdict", verdict.name());
    map.put("summary", summary);
    map.put("datasetVersion", datasetVersion);
    map.put("examples", examples);
    map.put("seed", seed);
    map.put("candidate", new ArrayList<>(candidate));
    map.put("baseline", new ArrayList<>(baseline));
    map.put("notes", new ArrayList<>(notes));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CheckResult check : checks) {
      rows.add(check.toMap());
    }
    map.put("checks", rows);
    return map;
  }

  /** Reads a result back from {@link #toMap()}'s form. */
  @SuppressWarnings("unchecked")
  public static GateResult fromMap(Map<?, ?> map) {
    List<CheckResult> checks = new ArrayList<>();
    for (Object row : (List<Object>) map.get("checks")) {
      checks.add(CheckResult.fromMap((Map<?, ?>) row));
    }
    Object examples = map.get("examples");
    return new GateResult(
        Verdict.valueOf(String.valueOf(map.get("verdict"))),
        (String) map.get("summary"),
        checks,
        (List<String>) map.get("candidate"),
        (List<String>) map.get("baseline"),
        (String) map.get("datasetVersion"),
        examples == null ? null : ((Number) examples).intValue(),
        ((Number) map.get("seed")).longValue(),
        (List<String>) map.get("notes"));
  }

  /** Reads a JSON report written by {@code JsonReport}; {@code origin} names it in messages. */
  public static GateResult fromJson(String json, String origin) {
    try {
      Map<?, ?> map = Json.mapper().readValue(json, Map.class);
      if (!map.containsKey("verdict") || !(map.get("checks") instanceof List)) {
        throw new InputException(origin + ": not a gate report (no verdict and checks)");
      }
      return fromMap(map);
    } catch (JsonProcessingException e) {
      throw new InputException(
          origin
              + " line "
              + e.getLocation().getLineNr()
              + ": not valid JSON: "
              + e.getOriginalMessage());
    } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
      throw new InputException(
          origin + ": not a gate report written by ct gate: " + e.getMessage());
    }
  }
}
