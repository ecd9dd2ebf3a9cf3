package io.ctsuite.cli.track;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.chart.Charts;
import io.ctsuite.tracking.run.Artifact;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.References;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunJson;
import io.ctsuite.tracking.store.RunStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct track show ID}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a run.",
      "",
      "Status, params, tags, every metric (points, steps, last, min, max), system metrics, artifacts and references. --chart prints an ECharts option of metrics' curves."
    })
public class TrackShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "ID", description = "Run id or a unique prefix of it.")
  String id;

  @Option(
      names = "--chart",
      paramLabel = "KEY",
      split = ",",
      description = "Print an ECharts line-chart option (JSON) of these metrics' curves.")
  List<String> chart;

  @Option(
      names = "--points",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Most points per curve in a chart (default: ${DEFAULT-VALUE}).")
  int points;

  @Override
  public Integer call() {
    RunStore store = TrackCommand.runs(spec);
    String runId = store.resolve(id);
    RunSummary run = store.summary(runId);
    PrintWriter out = spec.commandLine().getOut();
    if (chart != null) {
      List<Charts.Curve> curves = new ArrayList<>();
      for (String key : chart) {
        MetricSeries series = store.metrics(runId, key::equals).get(key);
        if (series == null) {
          series = store.system(runId).get(key);
        }
        if (series == null) {
          throw new InputException(
              "run "
                  + runId
                  + " has no metric '"
                  + key
                  + "' (it has: "
                  + String.join(", ", run.metrics().keySet())
                  + ")");
        }
        curves.add(new Charts.Curve(key, series));
      }
      TrackText.json(out, Charts.lineChart(runId, curves, points));
      return ExitCode.OK;
    }
    if (json.enabled()) {
      ObjectNode node = RunJson.toJson(run);
      node.remove("schema");
      for (String section : List.of("metrics", "system")) {
        ((ObjectNode) node.get(section))
            .fields()
            .forEachRemaining(
                e ->
                    ((ObjectNode) e.getValue()).put("points", e.getValue().path("count").asLong()));
      }
      TrackText.json(out, node);
      return ExitCode.OK;
    }
    print(run, out);
    return ExitCode.OK;
  }

  private static void print(RunSummary run, PrintWriter out) {
    out.printf("Run %s%s%n", run.id(), run.name() == null ? "" : "  " + run.name());
    out.printf("  family    %s%n", run.family());
    out.printf(
        "  status    %s%s%n",
        run.status(), run.exitCode() == null ? "" : " (exit code " + run.exitCode() + ")");
    if (run.startedAt() != null) {
      out.printf(
          "  started   %s%s%n",
          TrackText.time(run.startedAt()),
          run.endedAt() == null
              ? ""
              : ", took " + TrackText.duration(run.startedAt(), run.endedAt()));
    }
    References r = run.references();
    if (!r.datasets().isEmpty()) {
      out.printf(
          "  datasets  %s%n",
          String.join(", ", r.datasets().stream().map(Object::toString).toList()));
    }
    printIf(out, "  commit    %s%n", r.gitCommit());
    printIf(out, "  repo      %s%n", r.gitRepository());
    printIf(out, "  image     %s%n", r.containerImage());
    printIf(out, "  build     %s%n", r.buildUrl());
    if (!run.params().isEmpty()) {
      out.println();
      Table params = new Table("param", "value");
      run.params().forEach((k, v) -> params.row(k, TrackText.value(v)));
      params.print(out);
    }
    if (!run.tags().isEmpty()) {
      out.println();
      Table tags = new Table("tag", "value");
      run.tags().forEach(tags::row);
      tags.print(out);
    }
    out.println();
    if (run.metrics().isEmpty()) {
      out.println("No metrics.");
    } else {
      metrics(run.metrics(), "metric").print(out);
    }
    if (!run.system().isEmpty()) {
      out.println();
      metrics(run.system(), "system").print(out);
    }
    if (!run.artifacts().isEmpty()) {
      out.println();
      Table artifacts = new Table("artifact", "role", "bytes", "sha256");
      for (Artifact a : run.artifacts()) {
        artifacts.row(
            a.path(),
            a.role(),
            a.size() < 0 ? "missing" : Long.toString(a.size()),
            a.sha256() == null ? "" : a.sha256().substring(0, 12));
      }
      artifacts.print(out);
    }
    if (!run.warnings().isEmpty()) {
      out.println();
      out.println("Warnings while capturing:");
      run.warnings().forEach(w -> out.println("  " + w));
    }
    out.flush();
  }

  private static Table metrics(Map<String, MetricSummary> metrics, String title) {
    Table table = new Table(title, "points", "steps", "last", "min", "max");
    metrics.forEach(
        (k, m) ->
            table.row(
                k,
                m.count(),
                m.firstStep() < 0 ? "" : m.firstStep() + ".." + m.lastStep(),
                TrackText.number(m.last()),
                TrackText.number(m.min()),
                TrackText.number(m.max())));
    return table;
  }

  private static void printIf(PrintWriter out, String format, String value) {
    if (value != null) {
      out.printf(format, value);
    }
  }
}
