package io.ctsuite.tracking.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.MetricSeries;
import java.util.List;
import org.junit.Test;

public class DownsamplerTest {
  static MetricSeries series(double... values) {
    long[] steps = new long[values.length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i;
    }
    return new MetricSeries("m", steps, new long[values.length], values);
  }

  /** A noisy sine of n points with one spike up and one down. */
  static MetricSeries noisy(int n) {
    double[] v = new double[n];
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i / 5000.0) + random.nextGaussian() * 0.05;
    }
    v[123_457] = 9;
    v[777_777] = -9;
    return series(v);
  }

  @Test
  public void shouldPickThePointOfLargestTriangle() {
    // one bucket between the first and last point: the peak makes the largest triangle
    MetricSeries thin = Downsampler.lttb(series(0, 0, 10, 0, 0), 3);

    assertThat(thin.steps()).containsExactly(0, 2, 4);
  }

  @Test
  public void shouldReturnShortSeriesUnchanged() {
    MetricSeries s = series(1, 2, 3);
    assertThat(Downsampler.lttb(s, 10)).isSameAs(s);
  }

  @Test
  public void shouldThinAMillionPointsAndKeepTheExtremes() {
    MetricSeries s = noisy(1_000_000);

    for (MetricSeries thin : List.of(Downsampler.lttb(s, 1000), Downsampler.minMax(s, 1000))) {
      assertThat(thin.size()).isLessThanOrEqualTo(1000).isGreaterThan(900);
      assertThat(thin.steps()).contains(0L, 999_999L, 123_457L, 777_777L);
      assertThat(thin.values()).contains(9.0, -9.0);
      long[] steps = thin.steps();
      for (int i = 1; i < steps.length; i++) {
        assertThat(steps[i]).isGreaterThan(steps[i - 1]);
      }
    }
  }

  @Test
  public void shouldKeepNonFiniteValuesVisible() {
    double[] v = new double[10_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    v[5000] = Double.NaN;
    v[9000] = Double.POSITIVE_INFINITY;

    MetricSeries thin = Downsampler.lttb(series(v), 100);

    assertThat(thin.size()).isLessThanOrEqualTo(100);
    assertThat(thin.values()).contains(Double.NaN, Double.POSITIVE_INFINITY);
  }

  @Test
  public void shouldBuildAnEchartsOptionWithGapsForNaN() throws Exception {
    JsonNode option =
        Json.mapper()
            .readTree(
                Json.mapper()
                    .writeValueAsString(
                        Charts.lineChart(
                            "loss",
                            List.of(new Charts.Curve("run-1 loss", series(1, Double.NaN, 0.5))),
                            500)));

    assertThat(option.at("/xAxis/type").asText()).isEqualTo("value");
    assertThat(option.at("/legend/data/0").asText()).isEqualTo("run-1 loss");
    assertThat(option.at("/series/0/type").asText()).isEqualTo("line");
    assertThat(option.at("/series/0/data").toString()).isEqualTo("[[0,1.0],[1,null],[2,0.5]]");
  }

  @Test
  public void shouldBuildTheTrendModelShapeOfEchartsBuildTrends() {
    RunComparison.Curves curves =
        RunComparison.align(
            "acc",
            java.util.Arrays.asList(
                series(0.1, 0.2),
                new MetricSeries("acc", new long[] {1}, new long[1], new double[] {0.5})));

    JsonNode model = Charts.trendModel(curves, List.of("a", "b"));

    assertThat(model.get("domainAxisLabels").toString()).isEqualTo("[\"0\",\"1\"]");
    assertThat(model.at("/series/1/data").toString()).isEqualTo("[null,0.5]");
    assertThat(model.at("/series/0/symbol").asText()).isEqualTo("circle");
    assertThat(model.get("domainAxisItemName").asText()).isEqualTo("Step");
  }
}
