package io.ctsuite.promotion.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.Json;
import java.util.List;
import org.junit.Test;

public class TrendChartOptionsTest {
  @Test
  public void shouldDrawAPromotedValueAndItsProductionValuePerBuild() throws Exception {
    List<TrendChartOptions.Point> points =
        List.of(
            new TrendChartOptions.Point("#3", "accuracy", 0.81, 0.8, "v3"),
            new TrendChartOptions.Point("#7", "accuracy", 0.84, 0.81, "v7"));

    JsonNode option = Json.mapper().readTree(TrendChartOptions.render(points));

    assertThat(option.get("xAxis").get("data"))
        .extracting(JsonNode::asText)
        .containsExactly("#3", "#7");
    JsonNode series = option.get("series");
    assertThat(series).hasSize(2);
    assertThat(series.get(0).get("name").asText()).isEqualTo("accuracy");
    assertThat(series.get(0).get("data").get(1).get("value").asDouble()).isEqualTo(0.84);
    assertThat(series.get(0).get("data").get(1).get("name").asText()).isEqualTo("v7");
    assertThat(series.get(1).get("name").asText()).isEqualTo("accuracy (production)");
    assertThat(series.get(1).get("lineStyle").get("type").asText()).isEqualTo("dashed");
    assertThat(series.get(1).get("data").get(0).asDouble()).isEqualTo(0.8);
  }

  @Test
  public void shouldKeepMetricsOnSeparateLinesWhenTheKeyMetricChanges() throws Exception {
    List<TrendChartOptions.Point> points =
        List.of(
            new TrendChartOptions.Point("#1", "accuracy", 0.8, null, "v1"),
            new TrendChartOptions.Point("#2", "f1", 0.7, Double.NaN, "v2"));

    JsonNode series = Json.mapper().readTree(TrendChartOptions.render(points)).get("series");

    assertThat(series)
        .extracting(s -> s.get("name").asText())
        .containsExactly("accuracy", "accuracy (production)", "f1", "f1 (production)");
    assertThat(series.get(0).get("data").get(1).isNull()).isTrue();
    assertThat(series.get(2).get("data").get(0).isNull()).isTrue();
    assertThat(series.get(3).get("data").get(1).isNull()).as("NaN is not JSON").isTrue();
  }

  @Test
  public void shouldDrawAnEmptyChartWithoutPromotions() throws Exception {
    JsonNode option = Json.mapper().readTree(TrendChartOptions.render(List.of()));

    assertThat(option.get("series")).isEmpty();
    assertThat(option.get("xAxis").get("data")).isEmpty();
  }
}
