package io.ctsuite.tracking.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.MetricSeries;
import java.util.List;

/**
 * Chart models as JSON for ECharts: a complete line-chart option with a numeric step axis, and the
 * trend-chart model shape of {@code edu.hm.hafner:echarts-build-trends} ({@code LinesChartModel}:
 * domain axis labels plus one value list per series) that Jenkins plugins render. NaN and ±Infinity
 * become {@code null}, a gap in the line. Series are downsampled ({@link Downsampler}) to at most
 * {@code maxPoints} each.
 */
public final class Charts {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] PALETTE = {
    "#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4",
    "#ea7ccc"
  };

  private Charts() {}

  /** A named curve: {@code name} is the legend entry, e.g. {@code run-7 val/acc}. */
  public record Curve(String name, MetricSeries series) {}

  /** An ECharts option for {@code setOption}: lines over a numeric step axis. */
  public static ObjectNode lineChart(String title, List<Curve> curves, int maxPoints) {
    ObjectNode option = NODES.objectNode();
    if (title != null) {
      option.putObject("title").put("text", title);
    }
    option.putObject("tooltip").put("trigger", "axis");
    ArrayNode legend = option.putObject("legend").putArray("data");
    option.putObject("xAxis").put("type", "value").put("name", "step").put("min", "dataMin");
    option.putObject("yAxis").put("type", "value").put("scale", true);
    ArrayNode zoom = option.putArray("dataZoom");
    zoom.addObject().put("type", "inside");
    zoom.addObject().put("type", "slider");
    ArrayNode series = option.putArray("series");
    for (Curve curve : curves) {
      legend.add(curve.name());
      MetricSeries thin = Downsampler.lttb(curve.series(), maxPoints);
      ObjectNode s = series.addObject();
      s.put("name", curve.name()).put("type", "line").put("showSymbol", false);
      s.put("connectNulls", false);
      ArrayNode data = s.putArray("data");
      for (int i = 0; i < thin.size(); i++) {
        ArrayNode point = data.addArray().add(thin.step(i));
        double v = thin.value(i);
        if (Double.isFinite(v)) {
          point.add(v);
        } else {
          point.addNull();
        }
      }
    }
    return option;
  }

  /**
   * The {@code LinesChartModel} shape of echarts-build-trends for curves aligned on one step axis:
   * {@code domainAxisLabels} (the steps), {@code series} (name, type, symbol, data, itemStyle).
   */
  public static ObjectNode trendModel(RunComparison.Curves curves, List<String> names) {
    ObjectNode model = NODES.objectNode();
    ArrayNode labels = model.putArray("domainAxisLabels");
    for (long step : curves.steps()) {
      labels.add(Long.toString(step));
    }
    model.putArray("buildNumbers");
    ArrayNode series = model.putArray("series");
    for (int r = 0; r < curves.values().length; r++) {
      ObjectNode s = series.addObject();
      s.put("name", names.get(r)).put("type", "line").put("symbol", "circle").put("stack", "");
      ArrayNode data = s.putArray("data");
      for (double v : curves.values()[r]) {
        if (Double.isFinite(v)) {
          data.add(v);
        } else {
          data.addNull();
        }
      }
      s.putObject("itemStyle").put("color", PALETTE[r % PALETTE.length]);
    }
    model.put("domainAxisItemName", "Step");
    model.put("integerRangeAxis", false);
    model.putNull("rangeMax");
    model.putNull("rangeMin");
    return model;
  }
}
