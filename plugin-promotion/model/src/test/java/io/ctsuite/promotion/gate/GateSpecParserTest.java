package io.ctsuite.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.stats.McNemar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GateSpecParserTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static void rejects(String yaml, String message) {
    assertThatThrownBy(() -> GateSpecParser.parse(yaml, "gate.yaml"))
        .isInstanceOf(InputException.class)
        .hasMessage(message);
  }

  @Test
  public void shouldReadTheExampleFromTheIssue() {
    GateSpec spec =
        GateSpecParser.parse(
            "checks:\n"
                + "  - metric: correct          # a per-example column (averaged)\n"
                + "    better: higher\n"
                + "    maxRegression: 0.01      # absolute; \"1%\" for relative\n"
                + "    minImprovement: 0.0\n"
                + "    floor: 0.75\n"
                + "    slices: source\n"
                + "    significance: {test: bootstrap, alpha: 0.05, resamples: 10000}\n"
                + "    required: true\n",
            "gate.yaml");
    assertThat(spec.seed()).isEqualTo(GateSpec.DEFAULT_SEED);
    CheckSpec check = spec.checks().get(0);
    assertThat(check.path()).isEqualTo("checks[0]");
    assertThat(check.name()).isEqualTo("correct");
    assertThat(check.better()).isEqualTo(Direction.HIGHER);
    assertThat(check.maxRegression()).isEqualTo(new Threshold(0.01, false));
    assertThat(check.minImprovement()).isEqualTo(new Threshold(0.0, false));
    assertThat(check.floor()).isEqualTo(0.75);
    assertThat(check.slices().columns()).containsExactly("source");
    assertThat(check.slices().minExamples()).isEqualTo(1);
    assertThat(check.significance())
        .isEqualTo(
            new Significance(Significance.Test.BOOTSTRAP, 0.05, 10_000, McNemar.Method.EXACT));
    assertThat(check.required()).isTrue();
  }

  @Test
  public void shouldReadJsonAndFiles() throws Exception {
    Path file = temp.newFile("gate.json").toPath();
    Files.writeString(
        file,
        "{\"seed\": 5, \"idColumn\": \"prompt\", \"checks\": [{\"metric\": \"exact_match\","
            + " \"maxRegression\": \"0.5 %\", \"significance\": {\"test\": \"mcnemar\", \"method\":"
            + " \"continuity\"}}]}");
    GateSpec spec = GateSpecParser.read(file);
    assertThat(spec.seed()).isEqualTo(5);
    assertThat(spec.idColumn()).isEqualTo("prompt");
    assertThat(spec.checks().get(0).maxRegression()).isEqualTo(new Threshold(0.005, true));
    assertThat(spec.checks().get(0).significance().method()).isEqualTo(McNemar.Method.CONTINUITY);
  }

  @Test
  public void shouldNameTheFieldOfABadAlpha() {
    rejects(
        "checks:\n"
            + "  - {metric: a, floor: 0}\n"
            + "  - {metric: b, floor: 0}\n"
            + "  - {metric: c, minImprovement: 0, significance: {test: bootstrap, alpha: 1.5}}\n",
        "gate.yaml: checks[2].significance.alpha: must be between 0 and 1 (got 1.5)");
  }

  @Test
  public void shouldSuggestTheFieldMeantByATypo() {
    rejects(
        "checks: [{metric: a, maxRegresion: 0.01}]",
        "gate.yaml: checks[0].maxRegresion: unknown field (did you mean maxRegression?); known:"
            + " advisory, better, ceiling, floor, maxRegression, metric, minImprovement, name,"
            + " required, significance, slices");
  }

  @Test
  public void shouldRejectBadValuesByField() {
    rejects("checks: [{floor: 1}]", "gate.yaml: checks[0].metric: is missing");
    rejects(
        "checks: [{metric: a, better: up, floor: 1}]",
        "gate.yaml: checks[0].better: must be higher or lower, not 'up'");
    rejects(
        "checks: [{metric: a, maxRegression: -0.1}]",
        "gate.yaml: checks[0].maxRegression: must not be negative (got -0.1)");
    rejects(
        "checks: [{metric: a, maxRegression: lots}]",
        "gate.yaml: checks[0].maxRegression: must be a number, not 'lots'");
    rejects(
        "checks: [{metric: a, minImprovement: 'x%'}]",
        "gate.yaml: checks[0].minImprovement: must be a number or a percentage such as \"1%\","
            + " not 'x%'");
    rejects(
        "checks: [{metric: a, floor: 2, ceiling: 1}]",
        "gate.yaml: checks[0].floor: is above the ceiling 1");
    rejects(
        "checks: [{metric: a}]",
        "gate.yaml: checks[0]: sets no requirement; add at least one of floor, ceiling,"
            + " maxRegression, minImprovement or significance");
    rejects(
        "checks: [{metric: a, significance: {test: ttest}}]",
        "gate.yaml: checks[0].significance.test: must be bootstrap or mcnemar, not 'ttest'");
    rejects(
        "checks: [{metric: a, significance: {test: mcnemar, resamples: 100}}]",
        "gate.yaml: checks[0].significance.resamples: applies only to test: bootstrap");
    rejects(
        "checks: [{metric: a, significance: {test: bootstrap, resamples: 10}}]",
        "gate.yaml: checks[0].significance.resamples: must be between 100 and 10000000 (got 10)");
    rejects(
        "checks: [{metric: a, floor: 0, required: true, advisory: true}]",
        "gate.yaml: checks[0].advisory: contradicts required; set only one of them");
    rejects(
        "checks: [{metric: a, floor: 0, slices: {minExamples: 3}}]",
        "gate.yaml: checks[0].slices.by: is missing; name the slice column(s)");
    rejects("checks: {metric: a}", "gate.yaml: checks: must be a list of checks");
    rejects(
        "checks: []",
        "gate.yaml: checks: the spec has no checks (add at least one under checks or budgets)");
    rejects(
        "budgets: {latency_ms: {limit: 3}}",
        "gate.yaml: budgets.latency_ms.limit: unknown field; known: max, metric, name, required");
    rejects(
        "seed: 1.5\nchecks: [{metric: a, floor: 0}]",
        "gate.yaml: seed: must be a whole number (got 1.5)");
  }

  @Test
  public void shouldPointAtTheLineOfBrokenYaml() {
    assertThatThrownBy(() -> GateSpecParser.parse("checks:\n  - metric: [a\n", "gate.yaml"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "gate.yaml line 3, column 1: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence)");
  }

  @Test
  public void shouldTurnBudgetsIntoCeilingsOnLowerIsBetterMetrics() {
    GateSpec spec =
        GateSpecParser.parse(
            "budgets:\n"
                + "  - {metric: latency_p95_ms, max: 250}\n"
                + "  - {metric: model_size_mb, max: 500, required: false, name: size}\n",
            "gate.yaml");
    assertThat(spec.checks()).hasSize(2);
    CheckSpec latency = spec.checks().get(0);
    assertThat(latency.path()).isEqualTo("budgets[0]");
    assertThat(latency.better()).isEqualTo(Direction.LOWER);
    assertThat(latency.ceiling()).isEqualTo(250);
    assertThat(latency.required()).isTrue();
    assertThat(spec.checks().get(1).name()).isEqualTo("size");
    assertThat(spec.checks().get(1).required()).isFalse();
  }

  @Test
  public void shouldReadSliceOverrides() {
    GateSpec spec =
        GateSpecParser.parse(
            "checks:\n"
                + "  - metric: correct\n"
                + "    minImprovement: 0.01\n"
                + "    advisory: true\n"
                + "    slices: {by: [source, procedure], maxRegression: '5%', minExamples: 20,"
                + " required: true}\n",
            "gate.yaml");
    SliceSpec slices = spec.checks().get(0).slices();
    assertThat(spec.checks().get(0).required()).isFalse();
    assertThat(slices.columns()).containsExactly("source", "procedure");
    assertThat(slices.maxRegression()).isEqualTo(new Threshold(0.05, true));
    assertThat(slices.minExamples()).isEqualTo(20);
    assertThat(slices.required()).isTrue();
  }

  @Test
  public void shouldSayWhenTheSpecFileIsMissing() {
    assertThatThrownBy(() -> GateSpecParser.read(Path.of("no/such/gate.yaml")))
        .hasMessage("gate spec not found: no/such/gate.yaml");
  }
}
