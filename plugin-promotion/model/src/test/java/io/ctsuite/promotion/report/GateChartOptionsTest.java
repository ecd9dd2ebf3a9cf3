package io.ctsuite.promotion.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.Direction;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.Outcome;
import io.ctsuite.promotion.gate.Verdict;
import java.util.List;
import org.junit.Test;

public class GateChartOptionsTest {
  @Test
  public void shouldDrawOnePanelPerCheckWithARowPerSlice() throws Exception {
    String json = GateChartOptions.render(ReportsTest.richGate());

    Golden.assertMatches(GateChartOptionsTest.class, "rich-gate-echarts.json", json + "\n");
    JsonNode panels = Json.mapper().readTree(json).get("panels");
    assertThat(panels.get(0).get("check").asText()).isEqualTo("accuracy");
    assertThat(panels.get(0).get("option").get("yAxis").get("data"))
        .extracting(JsonNode::asText)
        .first()
        .asString()
        .startsWith("overall");
    assertThat(panels.get(0).get("option").get("series")).hasSize(2);
  }

  @Test
  public void shouldLeaveAGapForValuesJsonCannotCarry() throws Exception {
    GateResult result =
        new GateResult(
            Verdict.FAIL,
            "1 of 1 required check failed: loss.",
            List.of(
                new CheckResult(
                    "loss",
                    "loss",
                    null,
                    true,
                    Direction.LOWER,
                    Double.NaN,
                    0.5,
                    null,
                    null,
                    null,
                    null,
                    "ceiling 1",
                    Outcome.FAIL,
                    "The candidate has no value.",
                    null)),
            List.of("c.json"),
            List.of("b.json"),
            null,
            null,
            1,
            List.of());

    JsonNode panel = Json.mapper().readTree(GateChartOptions.render(result)).get("panels").get(0);

    JsonNode series = panel.get("option").get("series");
    assertThat(series.get(0).get("data").get(0).isNull()).isTrue();
    assertThat(series.get(1).get("data").get(0).asDouble()).isEqualTo(0.5);
    assertThat(panel.get("option").get("xAxis").get("name").asText())
        .isEqualTo("loss (lower is better)");
  }
}
