package io.ctsuite.tracking.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.chart.Charts;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunJson;
import io.ctsuite.tracking.store.RunStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a page shows of one run, as one JSON document: the summary ({@code run}, the run.json
 * format), one ECharts line chart per metric ({@code metrics}) and the system metrics grouped by
 * unit into a few charts ({@code system}: utilisation in %, memory and traffic in MiB, power,
 * temperature). Series are thinned to a number of points that a browser draws at once.
 */
public final class RunView {
  /** Points per curve that keep a chart readable and a page light. */
  public static final int DEFAULT_MAX_POINTS = 600;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RunView() {}

  /** The view of a run saved in a store. */
  public static ObjectNode of(RunStore store, String id, int maxPoints) {
    return of(store.summary(id), store.metrics(id), store.system(id), maxPoints);
  }

  public static ObjectNode of(
      RunSummary summary, RunSeries metrics, RunSeries system, int maxPoints) {
    ObjectNode view = NODES.objectNode();
    view.set("run", RunJson.toJson(summary));
    ArrayNode charts = view.putArray("metrics");
    for (MetricSeries s : metrics.asMap().values()) {
      charts
          .addObject()
          .put("key", s.key())
          .set("option", Charts.lineChart(null, List.of(new Charts.Curve(s.key(), s)), maxPoints));
    }
    ArrayNode systemCharts = view.putArray("system");
    systemGroups(system)
        .forEach(
            (title, series) -> {
              List<Charts.Curve> curves = new ArrayList<>();
              series.forEach(s -> curves.add(new Charts.Curve(s.key(), s)));
              ObjectNode option = Charts.lineChart(null, curves, maxPoints);
              option.with("xAxis").put("name", "sample");
              systemCharts.addObject().put("title", title).set("option", option);
            });
    return view;
  }

  /** Curves of one metric from several runs on one chart, e.g. to compare builds. */
  public static ObjectNode overlay(String key, Map<String, MetricSeries> seriesByRun, int max) {
    List<Charts.Curve> curves = new ArrayList<>();
    seriesByRun.forEach(
        (name, s) -> {
          if (s != null) {
            curves.add(new Charts.Curve(name, s));
          }
        });
    return Charts.lineChart(key, curves, max);
  }

  /**
   * A trend across builds: one value per build (e.g. the best value of the key metric), the build
   * numbers on the x axis, thinned to {@code maxPoints} keeping the extremes.
   */
  public static ObjectNode trend(
      String title, long[] builds, double[] values, long[] times, int maxPoints) {
    MetricSeries series = new MetricSeries(title, builds, times, values);
    ObjectNode option = Charts.lineChart(null, List.of(new Charts.Curve(title, series)), maxPoints);
    option.with("xAxis").put("name", "build").put("minInterval", 1);
    for (var s : option.withArray("series")) {
      ((ObjectNode) s).put("showSymbol", true);
    }
    return option;
  }

  /** System series by chart: the unit their key ends with decides. */
  static Map<String, List<MetricSeries>> systemGroups(RunSeries system) {
    Map<String, List<MetricSeries>> groups = new LinkedHashMap<>();
    for (String title :
        List.of("Utilisation (%)", "Memory and traffic (MiB)", "Power (W)", "Temperature (°C)")) {
      groups.put(title, new ArrayList<>());
    }
    List<MetricSeries> other = new ArrayList<>();
    for (MetricSeries s : system.asMap().values()) {
      String key = s.key();
      if (key.endsWith("_percent")) {
        groups.get("Utilisation (%)").add(s);
      } else if (key.endsWith("_mib")) {
        groups.get("Memory and traffic (MiB)").add(s);
      } else if (key.endsWith("_w")) {
        groups.get("Power (W)").add(s);
      } else if (key.endsWith("_c")) {
        groups.get("Temperature (°C)").add(s);
      } else {
        other.add(s);
      }
    }
    if (!other.isEmpty()) {
      groups.put("Other", other);
    }
    groups.values().removeIf(List::isEmpty);
    return groups;
  }

  /** Compact JSON text (NaN written as the JSON of the shared mapper). */
  public static String text(ObjectNode node) {
    try {
      return Json.compact().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
