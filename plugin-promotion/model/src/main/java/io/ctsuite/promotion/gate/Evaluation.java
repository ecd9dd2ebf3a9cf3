package io.ctsuite.promotion.gate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's evaluation results on a test set: aggregate metrics, per-example results, or both,
 * with the dataset version of the test set when the files state it.
 */
public final class Evaluation {
  private final String label;
  private final List<String> sources;
  private final String datasetVersion;
  private final Map<String, Double> metrics;
  private final ExampleTable examples;

  public Evaluation(
      String label,
      List<String> sources,
      String datasetVersion,
      Map<String, Double> metrics,
      ExampleTable examples) {
    this.label = label;
    this.sources = List.copyOf(sources);
    this.datasetVersion = datasetVersion;
    this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    this.examples = examples;
  }

  /** "candidate" or "baseline", for messages. */
  public String label() {
    return label;
  }

  public List<String> sources() {
    return sources;
  }

  /** The test set's dataset version id, or null when no file states it. */
  public String datasetVersion() {
    return datasetVersion;
  }

  /** Aggregate metrics by name, in file order. */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /** Per-example results, or null when only aggregates were given. */
  public ExampleTable examples() {
    return examples;
  }

  /** Where this result came from, for messages: its files joined. */
  public String describe() {
    return label + " (" + String.join(", ", sources) + ")";
  }
}
