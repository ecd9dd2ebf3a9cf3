package io.ctsuite.promotion.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.promotion.Fixtures;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.report.Golden;
import org.junit.Test;

public class ModelCardTest {
  private static GateResult gate() {
    // the golden gate report of the real groq evaluation, read back as ct promote --gate-report
    // does
    return GateResult.fromJson(
        Fixtures.resource(io.ctsuite.promotion.report.JsonReport.class, "groq-gate.json"),
        "groq-gate.json");
  }

  @Test
  public void shouldDescribeTheModelItsLineageAndTheGate() {
    PromotionRequest request =
        PromotionRequest.builder()
            .project("ml/deploy")
            .file("deploy/models.yaml")
            .key("models.phase-recognition")
            .uri("s3://models/phase-recognition/v13/model.onnx")
            .version("13")
            .sha256("sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")
            .lineage(
                new Lineage("https://jenkins.example.com/job/phase/13/", "ds-2024-06", "5d6e7f8"))
            .gate(gate())
            .reportUrl("https://jenkins.example.com/job/phase/13/gate/")
            .build();
    String card = ModelCard.render(request);
    Golden.assertMatches(ModelCardTest.class, "model-card.md", card);
    assertThat(card)
        .startsWith(
            "<!-- ct-model-card:models.phase-recognition -->\n## Model card: phase-recognition `13`")
        .contains(
            "| SHA-256 | `9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08` |")
        .contains("### \u26A0\uFE0F Regression gate: **INCONCLUSIVE**")
        .contains("| contains_reference (higher is better) | 0.8889 | 0.8333 | +0.05556 |");
  }

  @Test
  public void shouldSayWhenThereIsNoEvidence() {
    PromotionRequest request =
        PromotionRequest.builder()
            .project("ml/deploy")
            .file("deploy/models.json")
            .key("models.x")
            .uri("s3://x")
            .version("1")
            .build();
    assertThat(ModelCard.render(request))
        .contains("No lineage was given.")
        .contains("No gate report was attached to this promotion.")
        .contains("| SHA-256 | not given |");
    assertThat(request.fields().get("sha256")).isNull();
    assertThat(request.branch()).isEqualTo("ct/promote/models.x");
  }

  @Test
  public void shouldRefuseIncompleteRequests() {
    assertThatThrownBy(
            () ->
                PromotionRequest.builder()
                    .project("p")
                    .file("f.yaml")
                    .key("models.x")
                    .uri("u")
                    .build())
        .hasMessage("give the model's version or its SHA-256 (the version defaults to it)");
    assertThatThrownBy(
            () ->
                PromotionRequest.builder()
                    .project("p")
                    .file("f.yaml")
                    .key("models.x")
                    .uri("u")
                    .sha256("abc")
                    .build())
        .hasMessage("the SHA-256 must be 64 hex digits, not 'abc'");
    assertThatThrownBy(() -> PromotionRequest.builder().file("f.yaml").build())
        .hasMessage("the promotion needs a project");
  }
}
