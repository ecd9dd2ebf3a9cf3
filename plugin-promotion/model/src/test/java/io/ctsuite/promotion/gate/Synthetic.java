package io.ctsuite.promotion.gate;

import java.util.Map;
import java.util.Random;

/**
 * Per-example results made up for decision tests: a baseline that is right with probability {@code
 * baselineAccuracy} on each source, and a candidate that flips a share of its answers.
 */
final class Synthetic {
  private final int examples;
  private final long seed;
  private final String[] sources;
  private final double[] baselineAccuracy;
  private final double[] candidateAccuracy;
  private String datasetVersion;

  Synthetic(int examples, long seed) {
    this.examples = examples;
    this.seed = seed;
    this.sources = new String[] {"clinic-a", "clinic-b"};
    this.baselineAccuracy = new double[] {0.7, 0.7};
    this.candidateAccuracy = new double[] {0.7, 0.7};
  }

  Synthetic accuracy(double baseline, double candidate) {
    baselineAccuracy[0] = baselineAccuracy[1] = baseline;
    candidateAccuracy[0] = candidateAccuracy[1] = candidate;
    return this;
  }

  Synthetic sourceB(double baseline, double candidate) {
    baselineAccuracy[1] = baseline;
    candidateAccuracy[1] = candidate;
    return this;
  }

  Synthetic version(String version) {
    this.datasetVersion = version;
    return this;
  }

  /** The candidate's and the baseline's CSV text, as {candidate, baseline}. */
  String[] csv() {
    Random random = new Random(seed);
    StringBuilder cand = new StringBuilder(header());
    StringBuilder base = new StringBuilder(header());
    for (int i = 0; i < examples; i++) {
      int s = i % sources.length;
      double u = random.nextDouble();
      // shared difficulty u pairs the two models: both right on easy examples
      boolean baseRight = u < baselineAccuracy[s];
      boolean candRight = u < candidateAccuracy[s];
      double latencyBase = 100 + random.nextGaussian() * 10;
      double latencyCand = latencyBase - 5 + random.nextGaussian() * 2;
      cand.append(row(i, s, candRight, latencyCand));
      base.append(row(i, s, baseRight, latencyBase));
    }
    return new String[] {cand.toString(), base.toString()};
  }

  Evaluation candidate() {
    return new EvaluationReader().read("candidate", Map.of("candidate.csv", csv()[0]));
  }

  Evaluation baseline() {
    return new EvaluationReader().read("baseline", Map.of("baseline.csv", csv()[1]));
  }

  private String header() {
    return "id,source,correct,latency_ms"
        + (datasetVersion == null ? "" : ",dataset_version")
        + "\n";
  }

  private String row(int i, int source, boolean right, double latency) {
    return "ex-"
        + i
        + ","
        + sources[source]
        + ","
        + (right ? "true" : "false")
        + ","
        + String.format(java.util.Locale.ROOT, "%.3f", latency)
        + (datasetVersion == null ? "" : "," + datasetVersion)
        + "\n";
  }
}
