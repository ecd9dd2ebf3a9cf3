package io.ctsuite.promotion.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.promotion.Fixtures;
import io.ctsuite.promotion.gate.Evaluation;
import io.ctsuite.promotion.gate.EvaluationReader;
import io.ctsuite.promotion.gate.Gate;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.GateSpec;
import io.ctsuite.promotion.gate.GateSpecParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReportsTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  /** The later groq run against the earlier one, on the real prediction files. */
  static GateResult groqGate() {
    GateSpec spec =
        GateSpecParser.parse(
            Fixtures.resource(io.ctsuite.promotion.gate.Gate.class, "groq-gate.yaml"),
            "groq-gate.yaml");
    EvaluationReader reader = new EvaluationReader(spec.idColumn());
    Evaluation candidate =
        reader.read(
            "candidate",
            Fixtures.groq(
                "runs/with-judge-2/predictions.csv", "runs/with-judge-2/judgments.jsonl"));
    Evaluation baseline = reader.read("baseline", Fixtures.groq("runs/ci/predictions.csv"));
    return new Gate(spec).evaluate(candidate, baseline);
  }

  /** Aggregates and per-example results with slices, budgets and an advisory check. */
  static GateResult richGate() {
    StringBuilder cand = new StringBuilder("id,source,correct\n");
    StringBuilder base = new StringBuilder("id,source,correct\n");
    for (int i = 0; i < 60; i++) {
      String source = i % 3 == 0 ? "web|app" : "clinic <b>";
      cand.append(i).append(',').append(source).append(',').append(i % 4 == 0 ? 0 : 1).append('\n');
      base.append(i).append(',').append(source).append(',').append(i % 5 == 0 ? 0 : 1).append('\n');
    }
    EvaluationReader reader = new EvaluationReader();
    Map<String, String> candidateFiles = new LinkedHashMap<>();
    candidateFiles.put("eval/candidate.csv", cand.toString());
    candidateFiles.put(
        "eval/candidate-metrics.json",
        "{\"dataset_version\": \"ds-7f3a\", \"latency_p95_ms\": 212.5, \"model_size_mb\": 431}");
    Map<String, String> baselineFiles = new LinkedHashMap<>();
    baselineFiles.put("eval/production.csv", base.toString());
    baselineFiles.put(
        "eval/production-metrics.json",
        "{\"dataset_version\": \"ds-7f3a\", \"latency_p95_ms\": 198, \"model_size_mb\": 430}");
    Evaluation candidate = reader.read("candidate", candidateFiles);
    Evaluation baseline = reader.read("baseline", baselineFiles);
    GateSpec spec =
        GateSpecParser.parse(
            "seed: 11\n"
                + "checks:\n"
                + "  - metric: correct\n"
                + "    name: accuracy\n"
                + "    floor: 0.7\n"
                + "    maxRegression: '5%'\n"
                + "    slices: {by: source, minExamples: 25}\n"
                + "    significance: {test: bootstrap, resamples: 1000}\n"
                + "  - metric: correct\n"
                + "    name: accuracy gain\n"
                + "    minImprovement: 0.02\n"
                + "    significance: {test: mcnemar, method: continuity}\n"
                + "    advisory: true\n"
                + "budgets:\n"
                + "  latency_p95_ms: 200\n"
                + "  model_size_mb: {max: 500}\n",
            "gate.yaml");
    return new Gate(spec).evaluate(candidate, baseline);
  }

  @Test
  public void shouldRenderTheGroqGateAsGoldenJsonAndMarkdown() {
    GateResult result = groqGate();
    Golden.assertMatches(ReportsTest.class, "groq-gate.json", JsonReport.render(result));
    Golden.assertMatches(ReportsTest.class, "groq-gate.md", MarkdownReport.render(result));
  }

  @Test
  public void shouldRenderSlicesBudgetsAndAdvisoryRowsAsGoldenMarkdown() {
    Golden.assertMatches(ReportsTest.class, "rich-gate.md", MarkdownReport.render(richGate()));
  }

  @Test
  public void shouldPutTheVerdictFirst() {
    String markdown = MarkdownReport.render(richGate());
    assertThat(markdown).startsWith("### \u274C Regression gate: **FAIL**\n");
    // cell text cannot break the table or inject HTML
    assertThat(markdown).contains("accuracy [source=web\\|app]").contains("clinic &lt;b&gt;");
  }

  @Test
  public void shouldGiveByteIdenticalReportsForTheSameInputs() {
    assertThat(JsonReport.render(groqGate())).isEqualTo(JsonReport.render(groqGate()));
    assertThat(MarkdownReport.render(richGate())).isEqualTo(MarkdownReport.render(richGate()));
    assertThat(GateChart.png(richGate())).isEqualTo(GateChart.png(richGate()));
    assertThat(GateChart.svg(richGate())).isEqualTo(GateChart.svg(richGate()));
  }

  @Test
  public void shouldReadTheJsonReportBack() {
    GateResult result = richGate();
    GateResult back = GateResult.fromJson(JsonReport.render(result), "report.json");
    assertThat(back.toMap()).isEqualTo(result.toMap());
    assertThat(MarkdownReport.render(back)).isEqualTo(MarkdownReport.render(result));
  }

  @Test
  public void shouldDrawOnePanelPerCheckAsPng() throws Exception {
    Path file = temp.getRoot().toPath().resolve("gate.png");
    GateChart.write(richGate(), file);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
    assertThat(image.getWidth()).isEqualTo(GateChart.WIDTH);
    // four panels: accuracy with its two slices, accuracy gain, and the two budgets
    assertThat(image.getHeight()).isEqualTo(4 * 90 + (3 + 1 + 1 + 1) * 34);
    // the candidate's blue appears in the bars
    boolean blue = false;
    for (int y = 0; y < image.getHeight() && !blue; y += 2) {
      for (int x = 0; x < image.getWidth() && !blue; x += 2) {
        blue = (image.getRGB(x, y) & 0xFFFFFF) == 0x1F77B4;
      }
    }
    assertThat(blue).isTrue();
  }

  @Test
  public void shouldDrawTheSameChartAsSvg() throws Exception {
    Path file = temp.getRoot().toPath().resolve("gate.svg");
    GateChart.write(groqGate(), file);
    String svg = Files.readString(file);
    assertThat(svg).startsWith("<?xml").contains("<svg").contains("candidate").contains("baseline");
    assertThat(svg).contains("exact_match: PASS").contains("contains_reference: INCONCLUSIVE");
    assertThat(svg).contains("rgb(31,119,180)");
  }

  @Test
  public void shouldRefuseOtherChartFormats() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> GateChart.write(groqGate(), temp.getRoot().toPath().resolve("gate.jpg")))
        .hasMessageEndingWith("gate.jpg: the chart must be a .png or .svg file");
  }
}
