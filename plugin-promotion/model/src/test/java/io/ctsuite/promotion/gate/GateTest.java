package io.ctsuite.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class GateTest {
  private static GateResult gate(String spec, Synthetic data) {
    return new Gate(GateSpecParser.parse(spec, "gate.yaml"))
        .evaluate(data.candidate(), data.baseline());
  }

  private static CheckResult row(GateResult result, String label) {
    return result.checks().stream()
        .filter(c -> c.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + label + " in " + result.toMap()));
  }

  @Test
  public void shouldPassASignificantImprovement() {
    GateResult result =
        gate(
            "checks:\n"
                + "  - metric: correct\n"
                + "    minImprovement: 0\n"
                + "    significance: {test: bootstrap, resamples: 2000}\n",
            new Synthetic(2_000, 1).accuracy(0.70, 0.78));
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    CheckResult row = row(result, "correct");
    assertThat(row.difference()).isBetween(0.06, 0.10);
    assertThat(row.intervalLow()).isGreaterThan(0);
    assertThat(row.intervalHigh()).isGreaterThan(row.difference());
    assertThat(row.examples()).isEqualTo(2_000);
    assertThat(row.reason())
        .startsWith("Improved by 0.0")
        .contains("lies above the required improvement of 0");
    assertThat(result.summary()).isEqualTo("The required check passed.");
  }

  @Test
  public void shouldCallASmallImprovementInconclusive() {
    GateResult result =
        gate(
            "checks:\n"
                + "  - metric: correct\n"
                + "    minImprovement: 0\n"
                + "    significance: {test: bootstrap, resamples: 2000}\n",
            new Synthetic(200, 2).accuracy(0.70, 0.72));
    assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    CheckResult row = row(result, "correct");
    assertThat(row.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(row.intervalLow()).isLessThanOrEqualTo(0);
    assertThat(row.reason()).contains("not significantly more than the required improvement of 0");
    assertThat(result.summary()).contains("1 is inconclusive: correct");
  }

  @Test
  public void shouldJudgeWithMcNemar() {
    String spec =
        "checks:\n"
            + "  - metric: correct\n"
            + "    minImprovement: 0\n"
            + "    significance: {test: mcnemar, alpha: 0.01}\n";
    GateResult clear = gate(spec, new Synthetic(2_000, 3).accuracy(0.70, 0.76));
    assertThat(clear.verdict()).isEqualTo(Verdict.PASS);
    assertThat(row(clear, "correct").pValue()).isLessThan(0.01);
    assertThat(row(clear, "correct").test()).isEqualTo("McNemar exact, alpha 0.01");
    assertThat(row(clear, "correct").intervalText()).startsWith("p = ");

    GateResult unclear = gate(spec, new Synthetic(100, 3).accuracy(0.70, 0.72));
    assertThat(unclear.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(row(unclear, "correct").reason()).contains("not significant (McNemar p = ");

    GateResult worse = gate(spec, new Synthetic(2_000, 3).accuracy(0.76, 0.70));
    assertThat(worse.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(row(worse, "correct").reason()).startsWith("Regressed by");
  }

  @Test
  public void shouldFailBelowTheFloor() {
    GateResult result =
        gate(
            "checks: [{metric: correct, floor: 0.75}]",
            new Synthetic(1_000, 4).accuracy(0.70, 0.72));
    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(row(result, "correct").reason()).matches("0\\.7\\d* is below the floor 0\\.75\\.");
    assertThat(row(result, "correct").threshold()).isEqualTo("floor 0.75");
  }

  @Test
  public void shouldFailARegressionBeyondTheAllowance() {
    GateResult result =
        gate(
            "checks: [{metric: correct, maxRegression: 0.01}]",
            new Synthetic(2_000, 5).accuracy(0.75, 0.70));
    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(row(result, "correct").reason())
        .contains("more than the allowed regression of 0.01");
    assertThat(result.summary()).isEqualTo("1 of 1 required check failed: correct.");
  }

  @Test
  public void shouldTellASignificantRegressionFromNoise() {
    String spec =
        "checks:\n"
            + "  - metric: correct\n"
            + "    maxRegression: 0.01\n"
            + "    significance: {test: bootstrap, resamples: 2000}\n";
    GateResult noise = gate(spec, new Synthetic(150, 6).accuracy(0.72, 0.70));
    assertThat(row(noise, "correct").outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(row(noise, "correct").reason()).contains("but not significantly");

    GateResult clear = gate(spec, new Synthetic(4_000, 6).accuracy(0.78, 0.70));
    assertThat(row(clear, "correct").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(row(clear, "correct").reason()).contains("lies wholly beyond it");
  }

  @Test
  public void shouldScaleARelativeAllowanceWithTheBaseline() {
    Synthetic data = new Synthetic(2_000, 7).accuracy(0.800, 0.795);
    GateResult relative = gate("checks: [{metric: correct, maxRegression: '2%'}]", data);
    CheckResult row = row(relative, "correct");
    assertThat(row.threshold()).isEqualTo("max regression 2%");
    // 2% of a baseline near 0.8 allows about 0.016
    assertThat(row.reason()).containsPattern("the allowed regression of 2% \\(0\\.01[56]\\d*\\)");
    assertThat(relative.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  public void shouldTurnRoundMetricsWhereLowerIsBetter() {
    GateResult result =
        gate(
            "checks:\n"
                + "  - metric: latency_ms\n"
                + "    better: lower\n"
                + "    minImprovement: 2\n"
                + "    significance: {test: bootstrap, resamples: 2000}\n",
            new Synthetic(1_000, 8));
    CheckResult row = row(result, "latency_ms");
    assertThat(row.difference()).isLessThan(-4);
    assertThat(row.intervalHigh()).isLessThan(-2);
    assertThat(row.outcome()).isEqualTo(Outcome.PASS);
    assertThat(row.reason())
        .startsWith("Improved by 5.0")
        .contains("lies above the required improvement of 2");
  }

  @Test
  public void shouldFailWhenOneSliceRegressesAlthoughTheWholeImproves() {
    GateResult result =
        gate(
            "checks:\n"
                + "  - metric: correct\n"
                + "    maxRegression: 0.02\n"
                + "    slices: source\n",
            new Synthetic(2_000, 9).accuracy(0.70, 0.85).sourceB(0.80, 0.70));
    assertThat(result.checks())
        .extracting(CheckResult::label)
        .containsExactly("correct", "correct [source=clinic-a]", "correct [source=clinic-b]");
    assertThat(row(result, "correct").outcome()).isEqualTo(Outcome.PASS);
    assertThat(row(result, "correct [source=clinic-a]").outcome()).isEqualTo(Outcome.PASS);
    CheckResult regressed = row(result, "correct [source=clinic-b]");
    assertThat(regressed.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(regressed.examples()).isEqualTo(1_000);
    assertThat(regressed.slice()).isEqualTo("source=clinic-b");
    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.summary())
        .isEqualTo("1 of 3 required checks failed: correct [source=clinic-b].");
  }

  @Test
  public void shouldNotAskSlicesForTheCheckImprovement() {
    GateResult result =
        gate(
            "checks:\n"
                + "  - metric: correct\n"
                + "    minImprovement: 0.05\n"
                + "    slices: {by: source, maxRegression: 0.01}\n",
            new Synthetic(2_000, 10).accuracy(0.70, 0.80).sourceB(0.70, 0.70));
    assertThat(row(result, "correct").outcome()).isEqualTo(Outcome.PASS);
    CheckResult flat = row(result, "correct [source=clinic-b]");
    assertThat(flat.threshold()).isEqualTo("max regression 0.01");
    assertThat(flat.outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  public void shouldSkipSlicesWithTooFewExamples() {
    GateResult result =
        gate(
            "checks:\n"
                + "  - metric: correct\n"
                + "    maxRegression: 0.5\n"
                + "    slices: {by: source, minExamples: 30}\n",
            new Synthetic(40, 11));
    CheckResult small = row(result, "correct [source=clinic-a]");
    assertThat(small.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(small.reason())
        .isEqualTo("Only 20 examples, fewer than minExamples 30; not judged.");
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  public void shouldReportAdvisoryChecksWithoutDecidingOnThem() {
    GateResult result =
        gate(
            "checks:\n"
                + "  - metric: correct\n"
                + "    maxRegression: 0.05\n"
                + "  - metric: correct\n"
                + "    name: ambitious\n"
                + "    minImprovement: 0.2\n"
                + "    advisory: true\n",
            new Synthetic(1_000, 12).accuracy(0.70, 0.71));
    assertThat(row(result, "ambitious").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(row(result, "ambitious").required()).isFalse();
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.summary())
        .isEqualTo("The required check passed. 1 advisory row did not pass.");
  }

  @Test
  public void shouldCheckBudgetsOnAggregateMetrics() {
    EvaluationReader reader = new EvaluationReader();
    Evaluation candidate =
        reader.read(
            "candidate",
            Map.of(
                "candidate.json",
                "{\"dataset_version\": \"v7\", \"metrics\": {\"accuracy\": 0.91,"
                    + " \"latency_p95_ms\": 180, \"model_size_mb\": 612}}"));
    Evaluation baseline =
        reader.read(
            "baseline",
            Map.of(
                "baseline.json",
                "{\"dataset\": {\"version\": \"v7\"}, \"accuracy\": 0.90, \"latency_p95_ms\": 210,"
                    + " \"model_size_mb\": 480}"));
    GateSpec spec =
        GateSpecParser.parse(
            "checks: [{metric: accuracy, maxRegression: 0.01}]\n"
                + "budgets: {latency_p95_ms: 250, model_size_mb: {max: 500, required: false}}\n",
            "gate.yaml");
    GateResult result = new Gate(spec).evaluate(candidate, baseline);
    assertThat(result.datasetVersion()).isEqualTo("v7");
    assertThat(result.examples()).isNull();
    assertThat(row(result, "latency_p95_ms").reason()).isEqualTo("180 is within the budget 250.");
    assertThat(row(result, "latency_p95_ms").threshold()).isEqualTo("budget 250");
    assertThat(row(result, "model_size_mb").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(row(result, "model_size_mb").reason()).isEqualTo("612 exceeds the budget 500.");
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.notes()).isEmpty();
  }

  @Test
  public void shouldRefuseDifferentDatasetVersions() {
    Synthetic data = new Synthetic(100, 13).version("v2");
    Evaluation candidate = data.candidate();
    Evaluation baseline =
        new EvaluationReader()
            .read("baseline", Map.of("baseline.csv", data.csv()[1].replace(",v2\n", ",v1\n")));
    Gate gate = new Gate(GateSpecParser.parse("checks: [{metric: correct, floor: 0}]", "g"));
    assertThatThrownBy(() -> gate.evaluate(candidate, baseline))
        .isInstanceOf(DifferentTestSetsException.class)
        .hasMessage(
            "candidate and baseline come from different test sets: dataset version 'v2'"
                + " (candidate.csv) is not 'v1' (baseline.csv). Evaluate both models on the same"
                + " test-set version.");
  }

  @Test
  public void shouldRefuseDifferentExamplesFromTheRealEvaluation() {
    Map<String, String> baselineFiles = Fixtures.groq("runs/ci/predictions.csv");
    String ci = baselineFiles.get("runs/ci/predictions.csv");
    // the same run without its last example: a different test set
    String shorter = ci.substring(0, ci.lastIndexOf("Give the ISO 3166-1"));
    EvaluationReader reader = new EvaluationReader("prompt");
    Evaluation candidate =
        reader.read("candidate", Fixtures.groq("runs/with-judge-2/predictions.csv"));
    Evaluation baseline = reader.read("baseline", Map.of("ci-shorter.csv", shorter));
    Gate gate = new Gate(GateSpecParser.parse("checks: [{metric: exact_match, floor: 0}]", "g"));
    assertThatThrownBy(() -> gate.evaluate(candidate, baseline))
        .isInstanceOf(DifferentTestSetsException.class)
        .hasMessageContaining("evaluated on different examples")
        .hasMessageContaining(
            "1 example only in the candidate (runs/with-judge-2/predictions.csv), e.g. 'Give the"
                + " ISO 3166-1 alpha-2 code for United States.'")
        .hasMessageEndingWith("Evaluate both models on the same test set.");
  }

  @Test
  public void shouldRequireADatasetVersionWhenTheSpecSaysSo() {
    Synthetic data = new Synthetic(50, 14);
    Gate gate =
        new Gate(
            GateSpecParser.parse(
                "requireDatasetVersion: true\nchecks: [{metric: correct, floor: 0}]", "g"));
    assertThatThrownBy(() -> gate.evaluate(data.candidate(), data.baseline()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("requires a dataset version (requireDatasetVersion)")
        .hasMessageContaining(
            "candidate (candidate.csv) and baseline (baseline.csv) do not state one");
  }

  @Test
  public void shouldNameTheCheckWhenAMetricIsMissing() {
    Synthetic data = new Synthetic(50, 15);
    Gate gate = new Gate(GateSpecParser.parse("checks: [{metric: f1, floor: 0.5}]", "g"));
    assertThatThrownBy(() -> gate.evaluate(data.candidate(), data.baseline()))
        .hasMessage(
            "checks[0].metric: 'f1' is not in the candidate (candidate.csv); it has correct,"
                + " latency_ms");
  }

  @Test
  public void shouldRefuseSignificanceOnAggregates() {
    EvaluationReader reader = new EvaluationReader();
    Evaluation candidate = reader.read("candidate", Map.of("c.json", "{\"accuracy\": 0.9}"));
    Evaluation baseline = reader.read("baseline", Map.of("b.json", "{\"accuracy\": 0.8}"));
    Gate gate =
        new Gate(
            GateSpecParser.parse(
                "checks: [{metric: accuracy, minImprovement: 0, significance: bootstrap}]", "g"));
    assertThatThrownBy(() -> gate.evaluate(candidate, baseline))
        .hasMessage(
            "checks[0].significance: needs per-example results of 'accuracy' from both models;"
                + " only aggregate values were given");
  }

  @Test
  public void shouldRefuseMcNemarOnScores() {
    Synthetic data = new Synthetic(50, 16);
    Gate gate =
        new Gate(
            GateSpecParser.parse(
                "checks: [{metric: latency_ms, better: lower, significance: mcnemar}]", "g"));
    assertThatThrownBy(() -> gate.evaluate(data.candidate(), data.baseline()))
        .hasMessageContaining("McNemar's test needs correct/incorrect values (0 or 1)")
        .hasMessageContaining("use test: bootstrap");
  }

  @Test
  public void shouldGiveTheSameResultForTheSameInputs() {
    String spec =
        "seed: 99\n"
            + "checks:\n"
            + "  - metric: correct\n"
            + "    minImprovement: 0\n"
            + "    slices: source\n"
            + "    significance: {test: bootstrap, resamples: 1000}\n"
            + "  - metric: latency_ms\n"
            + "    better: lower\n"
            + "    significance: {test: bootstrap, resamples: 1000}\n";
    Synthetic data = new Synthetic(500, 17).accuracy(0.70, 0.74);
    assertThat(gate(spec, data).toMap()).isEqualTo(gate(spec, data).toMap());
    GateResult otherSeed = gate(spec.replace("seed: 99", "seed: 100"), data);
    // continuous latencies: another seed moves the interval's ends
    assertThat(row(otherSeed, "latency_ms").intervalLow())
        .isNotEqualTo(row(gate(spec, data), "latency_ms").intervalLow());
  }

  @Test
  public void shouldAcceptTheMapAJenkinsfilePasses() {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("metric", new StringBuilder("correct")); // a GString is a CharSequence, not a String
    check.put("maxRegression", "1%");
    check.put("floor", new java.math.BigDecimal("0.5"));
    check.put("required", true);
    Map<String, Object> spec = Map.of("checks", List.of(check), "seed", 3);
    GateSpec parsed = GateSpecParser.parse(spec, "regressionGate spec");
    assertThat(parsed.seed()).isEqualTo(3);
    assertThat(parsed.checks().get(0).metric()).isEqualTo("correct");
    assertThat(parsed.checks().get(0).maxRegression()).isEqualTo(new Threshold(0.01, true));
    GateResult result =
        new Gate(parsed)
            .evaluate(new Synthetic(100, 18).candidate(), new Synthetic(100, 18).baseline());
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  public void shouldRoundTripTheResultThroughItsMap() {
    GateResult result =
        gate(
            "checks: [{metric: correct, minImprovement: 0, slices: source,"
                + " significance: {test: bootstrap, resamples: 500}}]",
            new Synthetic(300, 19).accuracy(0.6, 0.7));
    assertThat(GateResult.fromMap(result.toMap()).toMap()).isEqualTo(result.toMap());
  }
}
