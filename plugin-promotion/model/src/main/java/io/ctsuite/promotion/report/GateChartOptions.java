package io.ctsuite.promotion.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.GateResult;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidate-against-baseline chart for web pages, as ECharts options: one panel per check (its
 * own scale, since accuracy and latency do not share one), one pair of bars for the whole test set
 * and each slice. The same panels as {@link GateChart}, drawn by the browser instead of JFreeChart.
 */
public final class GateChartOptions {
  static final String CANDIDATE = "#1f77b4";
  static final String BASELINE = "#a0a0a0";
  private static final int PANEL_BASE = 90;
  private static final int PANEL_PER_ROW = 34;

  private GateChartOptions() {}

  /** {@code {"panels": [{"check", "title", "height", "option"}]}} as compact JSON. */
  public static String render(GateResult result) {
    ObjectNode root = Json.compact().createObjectNode();
    ArrayNode panels = root.putArray("panels");
    for (Map.Entry<String, List<CheckResult>> check : byCheck(result).entrySet()) {
      panels.add(panel(check.getKey(), check.getValue()));
    }
    try {
      return Json.compact().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, List<CheckResult>> byCheck(GateResult result) {
    Map<String, List<CheckResult>> byCheck = new LinkedHashMap<>();
    for (CheckResult row : result.checks()) {
      byCheck.computeIfAbsent(row.name(), k -> new ArrayList<>()).add(row);
    }
    return byCheck;
  }

  private static ObjectNode panel(String name, List<CheckResult> rows) {
    CheckResult overall = rows.get(0);
    ObjectNode panel = Json.compact().createObjectNode();
    panel.put("check", name);
    panel.put("title", name + ": " + overall.outcome().name());
    panel.put("height", PANEL_BASE + PANEL_PER_ROW * rows.size());

    ObjectNode option = panel.putObject("option");
    option
        .putObject("tooltip")
        .put("trigger", "axis")
        .putObject("axisPointer")
        .put("type", "shadow");
    option.putObject("legend").put("top", 0).putArray("data").add("candidate").add("baseline");
    ObjectNode grid = option.putObject("grid");
    grid.put("left", 10).put("right", 30).put("top", 30).put("bottom", 40);
    grid.put("containLabel", true);
    ObjectNode values = option.putObject("xAxis");
    values.put("type", "value");
    values.put("name", overall.metric() + " (" + overall.better().word() + " is better)");
    values.put("nameLocation", "middle");
    values.put("nameGap", 26);
    ObjectNode categories = option.putObject("yAxis");
    categories.put("type", "category");
    categories.put("inverse", true);
    ArrayNode labels = categories.putArray("data");
    for (CheckResult row : rows) {
      labels.add((row.slice() == null ? "overall" : row.slice()) + "  " + row.outcome().name());
    }
    ArrayNode series = option.putArray("series");
    series.add(bars("candidate", CANDIDATE, rows, true));
    series.add(bars("baseline", BASELINE, rows, false));
    return panel;
  }

  private static ObjectNode bars(
      String name, String color, List<CheckResult> rows, boolean candidate) {
    ObjectNode bars = Json.compact().createObjectNode();
    bars.put("name", name);
    bars.put("type", "bar");
    bars.putObject("itemStyle").put("color", color);
    ArrayNode data = bars.putArray("data");
    for (CheckResult row : rows) {
      double value = candidate ? row.candidate() : row.baseline();
      if (Double.isFinite(value)) {
        data.add(value);
      } else {
        data.addNull(); // ECharts leaves a gap; NaN would break its JSON parsing
      }
    }
    return bars;
  }
}
