package io.ctsuite.promotion.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key metric of promoted models over time, as ECharts options: one line per metric (a model
 * line's gates may change their key metric), the production value it was compared with dashed.
 */
public final class TrendChartOptions {
  /**
   * One promoted model.
   *
   * @param label the x-axis label, e.g. the build's "#42"
   * @param metric the key metric's name
   * @param value the candidate's value
   * @param baseline the production model's value it was compared with, or null
   * @param version the promoted version, for the tooltip
   */
  public record Point(String label, String metric, double value, Double baseline, String version) {}

  private TrendChartOptions() {}

  /** The option for points in time order, oldest first. */
  public static String render(List<Point> points) {
    ObjectNode option = Json.compact().createObjectNode();
    option.putObject("tooltip").put("trigger", "axis");
    ObjectNode grid = option.putObject("grid");
    grid.put("left", 10).put("right", 20).put("top", 40).put("bottom", 20);
    grid.put("containLabel", true);
    ArrayNode labels = option.putObject("xAxis").put("type", "category").putArray("data");
    option.putObject("yAxis").put("type", "value").put("scale", true);
    List<String> order = new ArrayList<>();
    for (Point point : points) {
      labels.add(point.label());
      if (!order.contains(point.metric())) {
        order.add(point.metric());
      }
    }
    Map<String, ObjectNode> lines = new LinkedHashMap<>();
    ArrayNode legend = option.putObject("legend").put("top", 0).putArray("data");
    ArrayNode series = option.putArray("series");
    for (String metric : order) {
      legend.add(metric);
      lines.put(metric, line(series, metric, false));
      legend.add(metric + " (production)");
      lines.put(metric + "\u0000baseline", line(series, metric + " (production)", true));
    }
    for (Point point : points) {
      for (String metric : order) {
        boolean same = metric.equals(point.metric());
        add(lines.get(metric), same ? point.value() : null, same ? point.version() : null);
        add(lines.get(metric + "\u0000baseline"), same ? point.baseline() : null, null);
      }
    }
    try {
      return Json.compact().writeValueAsString(option);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode line(ArrayNode series, String name, boolean dashed) {
    ObjectNode line = series.addObject();
    line.put("name", name);
    line.put("type", "line");
    line.put("connectNulls", true);
    line.put("symbolSize", dashed ? 4 : 8);
    if (dashed) {
      line.putObject("lineStyle").put("type", "dashed");
    }
    line.putArray("data");
    return line;
  }

  private static void add(ObjectNode line, Double value, String version) {
    ArrayNode data = (ArrayNode) line.get("data");
    if (value == null || !Double.isFinite(value)) {
      data.addNull();
    } else if (version == null) {
      data.add(value);
    } else {
      data.addObject().put("value", value).put("name", version);
    }
  }
}
