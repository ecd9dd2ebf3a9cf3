package io.ctsuite.cli.track;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.chart.Charts;
import io.ctsuite.tracking.chart.Downsampler;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct track compare ID…}. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares runs.",
      "",
      "Shows only the params that differ, each metric per run with its difference to the first run (* marks the best), and with --curve a metric's curves aligned by step."
    })
public class TrackCompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Parameters(arity = "2..*", paramLabel = "ID", description = "Runs (ids or unique prefixes).")
  List<String> ids;

  @Option(
      names = "--value",
      paramLabel = "KIND",
      defaultValue = "last",
      description =
          "Value compared per metric: best, last, first, min, max (default: ${DEFAULT-VALUE}).")
  ValueKind value;

  @Option(
      names = "--curve",
      paramLabel = "KEY",
      description = "Also align this metric's curves by step (downsampled to --points).")
  String curve;

  @Option(
      names = "--points",
      paramLabel = "N",
      defaultValue = "20",
      description = "Most points per curve for --curve (default: ${DEFAULT-VALUE}).")
  int points;

  @Override
  public Integer call() {
    RunStore store = TrackCommand.runs(spec);
    List<RunSummary> runs = new ArrayList<>();
    for (String id : ids) {
      runs.add(store.summary(store.resolve(id)));
    }
    RunComparison comparison = RunComparison.of(runs, value);
    RunComparison.Curves curves = curve == null ? null : curves(store, runs);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      TrackText.json(out, toJson(comparison, curves));
      return ExitCode.OK;
    }
    List<String> header = new ArrayList<>(List.of("param"));
    runs.forEach(r -> header.add(r.id()));
    if (comparison.differingParams().isEmpty()) {
      out.println("All params are the same (" + comparison.sameParams() + ").");
    } else {
      Table params = new Table(header.toArray(String[]::new));
      for (RunComparison.ParamDiff p : comparison.differingParams()) {
        List<Object> row = new ArrayList<>(List.of(p.key()));
        p.values().forEach(v -> row.add(v == null ? "-" : TrackText.value(v)));
        params.row(row.toArray());
      }
      params.print(out);
      if (comparison.sameParams() > 0) {
        out.println("(" + comparison.sameParams() + " params are the same in every run)");
      }
    }
    out.println();
    List<String> metricHeader =
        new ArrayList<>(List.of("metric (" + value.name().toLowerCase() + ")"));
    for (int i = 0; i < runs.size(); i++) {
      metricHeader.add(runs.get(i).id());
      if (i > 0) {
        metricHeader.add("Δ");
      }
    }
    Table metrics = new Table(metricHeader.toArray(String[]::new));
    for (RunComparison.MetricDiff m : comparison.metrics()) {
      List<Object> row = new ArrayList<>(List.of(m.key()));
      for (int i = 0; i < runs.size(); i++) {
        double v = m.values().get(i);
        String text = runs.get(i).metric(m.key()) == null ? "-" : TrackText.number(v);
        row.add(i == m.best() ? text + " *" : text);
        if (i > 0) {
          row.add(TrackText.delta(m.deltas().get(i)));
        }
      }
      metrics.row(row.toArray());
    }
    metrics.print(out);
    if (curves != null) {
      out.println();
      List<String> curveHeader = new ArrayList<>(List.of("step"));
      runs.forEach(r -> curveHeader.add(r.id()));
      Table table = new Table(curveHeader.toArray(String[]::new));
      for (int i = 0; i < curves.steps().length; i++) {
        List<Object> row = new ArrayList<>(List.of(curves.steps()[i]));
        for (double[] values : curves.values()) {
          row.add(Double.isNaN(values[i]) ? "" : TrackText.number(values[i]));
        }
        table.row(row.toArray());
      }
      out.println(curve + " by step:");
      table.print(out);
    }
    out.flush();
    return ExitCode.OK;
  }

  private RunComparison.Curves curves(RunStore store, List<RunSummary> runs) {
    List<MetricSeries> series = new ArrayList<>();
    boolean any = false;
    for (RunSummary r : runs) {
      MetricSeries s = store.metrics(r.id(), curve::equals).get(curve);
      if (s != null) {
        any = true;
        s = Downsampler.lttb(s, points);
      }
      series.add(s);
    }
    if (!any) {
      throw new InputException("none of the runs has a metric '" + curve + "'");
    }
    return RunComparison.align(curve, series);
  }

  private ObjectNode toJson(RunComparison comparison, RunComparison.Curves curves) {
    ObjectNode node = Json.mapper().createObjectNode();
    ArrayNode runs = node.putArray("runs");
    comparison.runs().forEach(r -> runs.add(r.id()));
    ObjectNode params = node.putObject("differingParams");
    for (RunComparison.ParamDiff p : comparison.differingParams()) {
      ArrayNode values = params.putArray(p.key());
      p.values().forEach(v -> values.addPOJO(v));
    }
    node.put("sameParams", comparison.sameParams());
    node.put("value", value.name().toLowerCase());
    ObjectNode metrics = node.putObject("metrics");
    for (RunComparison.MetricDiff m : comparison.metrics()) {
      ObjectNode metric = metrics.putObject(m.key());
      ArrayNode values = metric.putArray("values");
      ArrayNode deltas = metric.putArray("deltas");
      for (int i = 0; i < m.values().size(); i++) {
        values.add(m.values().get(i));
        deltas.add(m.deltas().get(i));
      }
      metric.put("goal", m.goal().name().toLowerCase());
      if (m.best() >= 0) {
        metric.put("best", comparison.runs().get(m.best()).id());
      }
    }
    if (curves != null) {
      node.set(
          "curve",
          Charts.trendModel(curves, comparison.runs().stream().map(RunSummary::id).toList()));
    }
    return node;
  }
}
