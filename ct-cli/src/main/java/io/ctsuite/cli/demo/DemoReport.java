package io.ctsuite.cli.demo;

import io.ctsuite.core.AtomicFiles;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gitlab.PlannedRequest;
import io.ctsuite.promotion.report.GateChart;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.store.RunStore;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's report: one self-contained HTML page with the charts inline (open it in a browser),
 * and the same as Markdown with the charts as SVG files beside it.
 */
final class DemoReport {
  private final DemoRun run;
  private final Map<String, String> charts = new LinkedHashMap<>();

  DemoReport(DemoRun run) {
    this.run = run;
  }

  /** Writes report.html, report.md and the chart files; returns the HTML page. */
  Path write() {
    Path dir = run.paths.report();
    buildCharts();
    for (Map.Entry<String, String> chart : charts.entrySet()) {
      AtomicFiles.writeString(dir.resolve(chart.getKey() + ".svg"), chart.getValue());
    }
    AtomicFiles.writeString(dir.resolve("report.md"), markdown());
    Path html = dir.resolve("report.html");
    AtomicFiles.writeString(html, html());
    return html;
  }

  private void buildCharts() {
    RunStore runs = new RunStore(run.paths.runs());
    List<TrainedModel> models = new ArrayList<>();
    models.add(run.production);
    if (run.candidate != null) {
      models.add(run.candidate);
    }
    SvgLineChart accuracy = new SvgLineChart("Validation accuracy by epoch", "epoch").yRange(0, 1);
    SvgLineChart loss = new SvgLineChart("Training loss by epoch", "epoch");
    for (TrainedModel model : models) {
      if (!runs.exists(model.runId())) {
        continue;
      }
      RunSeries series = runs.metrics(model.runId());
      String name = model.role() + " (" + model.datasetLabel() + ")";
      add(accuracy, name, series.get("val/acc"));
      add(loss, name, series.get("train/loss"));
    }
    charts.put("val-acc", accuracy.render(720, 320));
    charts.put("train-loss", loss.render(720, 320));
    if (run.candidate != null && runs.exists(run.candidate.runId())) {
      MetricSeries cpu = runs.system(run.candidate.runId()).get("sys/cpu_percent");
      if (cpu != null && cpu.size() > 1) {
        double[] seconds = new double[cpu.size()];
        for (int i = 0; i < cpu.size(); i++) {
          seconds[i] = (cpu.wallTime(i) - cpu.wallTime(0)) / 1000.0;
        }
        charts.put(
            "cpu",
            new SvgLineChart(
                    "CPU of the machine while the candidate trained (system monitor)", "seconds")
                .yRange(0, 100)
                .add("CPU %", seconds, cpu.values())
                .render(720, 260));
      }
    }
    if (run.gate != null) {
      charts.put("gate", GateChart.svg(run.gate));
    }
  }

  private static void add(SvgLineChart chart, String name, MetricSeries series) {
    if (series == null) {
      return;
    }
    double[] steps = new double[series.size()];
    for (int i = 0; i < series.size(); i++) {
      steps[i] = series.step(i);
    }
    chart.add(name, steps, series.values());
  }

  // ---- content, shared by both formats as (heading, paragraphs, tables) ----

  private String headline() {
    if (run.decision != null && !run.decision.fire()) {
      return "The data did not change enough: no training. " + run.decision.reason();
    }
    if (run.gate == null) {
      return "The cycle stopped before the gate.";
    }
    String promotion =
        run.promotionSkipped != null
            ? "not promoted (" + run.promotionSkipped + ")"
            : promotionText();
    return String.format(
        Locale.ROOT,
        "New data (%s) → retrained → candidate %.3f vs production %.3f on the %s test split →"
            + " gate %s → %s",
        run.latest().label(),
        run.candidateOnV2.accuracy(),
        run.productionOnV2.accuracy(),
        run.latest().label(),
        run.gate.verdict(),
        promotion);
  }

  private String promotionText() {
    if (run.promotion == null) {
      return "not promoted";
    }
    if (run.plannedRequests != null) {
      return "merge request from "
          + run.promotion.branch()
          + " into "
          + run.promotion.targetBranch()
          + " prepared (dry run: nothing was sent)";
    }
    return run.promotion.describe();
  }

  private List<List<String>> datasetRows() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("version", "id", "files", "per hospital"));
    if (run.first != null) {
      rows.add(versionRow(run.first));
    } else if (run.v1 != null) {
      rows.add(
          List.of(
              run.v1.label(),
              run.v1.shortId(),
              String.format(Locale.ROOT, "%,d", run.v1.files()),
              "(recorded by an earlier run)"));
    }
    if (run.second != null) {
      rows.add(versionRow(run.second));
    }
    return rows;
  }

  private static List<String> versionRow(DemoDataset.Snapshot snapshot) {
    DatasetStats stats = snapshot.stats();
    return List.of(
        snapshot.version().label(),
        snapshot.version().shortId(),
        String.format(Locale.ROOT, "%,d", stats.files()),
        ProductionStep.perSource(stats));
  }

  private List<List<String>> modelRows() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "run", "trained on", "best val/acc", "epoch kept", "sha256"));
    for (TrainedModel model : new TrainedModel[] {run.production, run.candidate}) {
      if (model != null) {
        rows.add(
            List.of(
                model.role(),
                model.runId(),
                model.datasetLabel(),
                String.format(Locale.ROOT, "%.4f", model.bestValAcc()),
                Long.toString(model.bestEpoch()),
                model.sha256().substring(0, Math.min(16, model.sha256().length())) + "…"));
      }
    }
    return rows;
  }

  private List<List<String>> accuracyRows() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("test set", "model", "accuracy", "per hospital"));
    if (run.productionOnV1 != null) {
      rows.add(evalRow(run.v1.label(), "production", run.productionOnV1));
    }
    if (run.productionOnV2 != null) {
      rows.add(evalRow(run.latest().label(), "production", run.productionOnV2));
      rows.add(evalRow(run.latest().label(), "candidate", run.candidateOnV2));
    }
    return rows;
  }

  private static List<String> evalRow(String version, String model, EvalSummary summary) {
    StringBuilder perSource = new StringBuilder();
    for (String source : summary.bySource().keySet()) {
      perSource
          .append(perSource.length() == 0 ? "" : " · ")
          .append(String.format(Locale.ROOT, "%s %.3f", source, summary.accuracy(source)));
    }
    return List.of(
        version,
        model,
        String.format(Locale.ROOT, "%.4f (%d clips)", summary.accuracy(), summary.examples()),
        perSource.toString());
  }

  private List<List<String>> gateRows() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("check", "candidate", "production", "difference", "outcome", "reason"));
    for (CheckResult check : run.gate.checks()) {
      rows.add(
          List.of(
              check.label(),
              String.format(Locale.ROOT, "%.4f", check.candidate()),
              String.format(Locale.ROOT, "%.4f", check.baseline()),
              String.format(Locale.ROOT, "%+.4f", check.difference()),
              check.outcome() + (check.required() ? "" : " (advisory)"),
              check.reason()));
    }
    return rows;
  }

  private List<String> requestLines() {
    List<String> lines = new ArrayList<>();
    if (run.plannedRequests != null) {
      for (PlannedRequest request : run.plannedRequests) {
        lines.add(request.method() + " /api/v4" + request.path());
      }
    }
    return lines;
  }

  // ---- HTML ----

  private String html() {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>ct demo: phase-recognition</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}")
        .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;")
        .append("padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}")
        .append("pre{background:#f6f6f6;padding:.6em;overflow-x:auto}.headline{font-size:1.1em}\n")
        .append("</style></head><body>\n");
    page.append("<h1>Continuous training demo: phase-recognition</h1>\n")
        .append("<p>")
        .append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
        .append(" · store <code>")
        .append(esc(run.paths.store().toString()))
        .append("</code></p>\n<p class=\"headline\"><b>")
        .append(esc(headline()))
        .append("</b></p>\n");
    page.append("<h2>1–2. Dataset versions and the change policy</h2>\n")
        .append(table(datasetRows()));
    if (run.decision != null) {
      page.append("<p>Policy <code>")
          .append(esc(DemoSettings.POLICY))
          .append("</code>: ")
          .append(run.decision.fire() ? "train again. " : "no training. ")
          .append(esc(run.decision.reason()))
          .append("</p>\n");
    }
    page.append("<h2>3. Training (tracked runs)</h2>\n").append(table(modelRows()));
    for (String chart : List.of("val-acc", "train-loss", "cpu")) {
      if (charts.containsKey(chart)) {
        page.append("<div>").append(charts.get(chart)).append("</div>\n");
      }
    }
    page.append("<h2>4. Evaluation and the regression gate</h2>\n").append(table(accuracyRows()));
    if (run.gate != null) {
      page.append("<p><b>Verdict: ")
          .append(run.gate.verdict())
          .append("</b>. ")
          .append(esc(run.gate.summary()))
          .append("</p>\n")
          .append(table(gateRows()))
          .append("<div>")
          .append(charts.get("gate"))
          .append("</div>\n");
    }
    page.append("<h2>5. Promotion</h2>\n");
    if (run.promotionSkipped != null) {
      page.append("<p>")
          .append(esc("Not promoted: " + run.promotionSkipped + "."))
          .append("</p>\n");
    } else if (run.promotion != null) {
      page.append("<p>").append(esc(promotionText())).append("</p>\n");
      if (!requestLines().isEmpty()) {
        page.append(
                "<p>Dry run: the requests it would send (bodies in <code>promotion-requests.json</code>):</p>\n<pre>")
            .append(esc(String.join("\n", requestLines())))
            .append("</pre>\n");
      }
      page.append("<p>The model card (the merge request's description):</p>\n<pre>")
          .append(esc(run.modelCard))
          .append("</pre>\n");
    }
    page.append("</body></html>\n");
    return page.toString();
  }

  private static String table(List<List<String>> rows) {
    StringBuilder html = new StringBuilder("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      html.append("<tr>");
      for (String cell : rows.get(r)) {
        String tag = r == 0 ? "th" : "td";
        html.append('<')
            .append(tag)
            .append('>')
            .append(esc(cell))
            .append("</")
            .append(tag)
            .append('>');
      }
      html.append("</tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  private static String esc(String text) {
    return SvgLineChart.escape(text == null ? "" : text);
  }

  // ---- Markdown ----

  private String markdown() {
    StringBuilder md = new StringBuilder("# Continuous training demo: phase-recognition\n\n");
    md.append("**").append(headline()).append("**\n\n");
    md.append("## 1–2. Dataset versions and the change policy\n\n").append(mdTable(datasetRows()));
    if (run.decision != null) {
      md.append("\nPolicy `")
          .append(DemoSettings.POLICY)
          .append("`: ")
          .append(run.decision.fire() ? "train again. " : "no training. ")
          .append(run.decision.reason())
          .append("\n");
    }
    md.append("\n## 3. Training (tracked runs)\n\n").append(mdTable(modelRows())).append('\n');
    for (String chart : List.of("val-acc", "train-loss", "cpu")) {
      if (charts.containsKey(chart)) {
        md.append("![").append(chart).append("](").append(chart).append(".svg)\n\n");
      }
    }
    md.append("## 4. Evaluation and the regression gate\n\n").append(mdTable(accuracyRows()));
    if (run.gate != null) {
      md.append("\n**Verdict: ")
          .append(run.gate.verdict())
          .append("**. ")
          .append(run.gate.summary())
          .append("\n\n")
          .append(mdTable(gateRows()))
          .append("\n![gate](gate.svg)\n");
    }
    md.append("\n## 5. Promotion\n\n");
    if (run.promotionSkipped != null) {
      md.append("Not promoted: ").append(run.promotionSkipped).append(".\n");
    } else if (run.promotion != null) {
      md.append(promotionText()).append("\n\n");
      if (!requestLines().isEmpty()) {
        md.append(
                "Dry run, the requests it would send (bodies in `promotion-requests.json`):\n\n```\n")
            .append(String.join("\n", requestLines()))
            .append("\n```\n\n");
      }
      md.append("The model card is in `model-card.md`.\n");
    }
    return md.toString();
  }

  private static String mdTable(List<List<String>> rows) {
    StringBuilder md = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      md.append("| ");
      for (String cell : rows.get(r)) {
        md.append(cell.replace("|", "\\|").replace("\n", " ")).append(" | ");
      }
      md.setLength(md.length() - 1);
      md.append('\n');
      if (r == 0) {
        md.append("|").append(" --- |".repeat(rows.get(0).size())).append('\n');
      }
    }
    return md.toString();
  }
}
