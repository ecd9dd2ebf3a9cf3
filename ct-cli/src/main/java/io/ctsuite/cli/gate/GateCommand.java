package io.ctsuite.cli.gate;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.Evaluation;
import io.ctsuite.promotion.gate.EvaluationReader;
import io.ctsuite.promotion.gate.Gate;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.GateSpec;
import io.ctsuite.promotion.gate.GateSpecParser;
import io.ctsuite.promotion.gate.Numbers;
import io.ctsuite.promotion.gate.Outcome;
import io.ctsuite.promotion.report.GateChart;
import io.ctsuite.promotion.report.JsonReport;
import io.ctsuite.promotion.report.MarkdownReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct gate}: the regression gate on result files. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = {
      "Regression gate: candidate against baseline on the same test set.",
      "Results are aggregate metrics (JSON) and/or per-example rows (CSV, TSV, JSON lines) with an"
          + " example id; files of different test sets are refused.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:PASS: every required check passed",
      "1:FAIL or INCONCLUSIVE",
      "2:bad input (the message names the file, line or field)"
    })
public class GateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(
      names = "--candidate",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "The candidate's result files (metrics JSON and/or per-example files).")
  List<Path> candidate;

  @Option(
      names = "--baseline",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "The baseline's (production model's) result files on the same test set.")
  List<Path> baseline;

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "FILE",
      description = "The gate spec (YAML or JSON): checks, slices, significance, budgets.")
  Path specFile;

  @Option(names = "--report-md", paramLabel = "FILE", description = "Write the Markdown report.")
  Path reportMd;

  @Option(names = "--report-json", paramLabel = "FILE", description = "Write the JSON report.")
  Path reportJson;

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description = "Draw candidate against baseline per check and slice (.png or .svg).")
  Path chart;

  @Option(names = "--seed", description = "Seed of the resampling (default: the spec's seed).")
  Long seed;

  @Option(
      names = "--id-column",
      paramLabel = "NAME",
      description = "The per-example id column (default: the spec's idColumn, else found by name).")
  String idColumn;

  @Override
  public Integer call() {
    GateSpec gateSpec = GateSpecParser.read(specFile);
    if (seed != null || idColumn != null) {
      gateSpec =
          new GateSpec(
              seed != null ? seed : gateSpec.seed(),
              idColumn != null ? idColumn : gateSpec.idColumn(),
              gateSpec.requireDatasetVersion(),
              gateSpec.checks());
    }
    EvaluationReader reader = new EvaluationReader(gateSpec.idColumn());
    Evaluation cand = reader.read("candidate", candidate);
    Evaluation base = reader.read("baseline", baseline);
    GateResult result = new Gate(gateSpec).evaluate(cand, base);

    if (reportMd != null) {
      AtomicFiles.writeString(reportMd, MarkdownReport.render(result));
    }
    if (reportJson != null) {
      AtomicFiles.writeString(reportJson, JsonReport.render(result));
    }
    if (chart != null) {
      GateChart.write(result, chart);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.print(JsonReport.render(result));
    } else {
      print(out, result);
    }
    out.flush();
    return result.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private void print(PrintWriter out, GateResult result) {
    out.println("Gate " + result.verdict() + ": " + result.summary());
    out.println();
    Table table =
        new Table("check", "candidate", "baseline", "diff", "interval", "threshold", "outcome");
    for (CheckResult check : result.checks()) {
      table.row(
          check.label(),
          Numbers.format(check.candidate()),
          Numbers.format(check.baseline()),
          Numbers.signed(check.difference()),
          check.intervalText(),
          check.threshold(),
          check.outcome()
              + (check.required() || check.outcome() == Outcome.SKIPPED ? "" : " (advisory)"));
    }
    table.print(out);
    out.println();
    for (CheckResult check : result.checks()) {
      out.println("- " + check.label() + ": " + check.reason());
    }
    for (String note : result.notes()) {
      out.println();
      out.println("Note: " + note);
    }
    String written = written();
    if (!written.isEmpty()) {
      out.println();
      out.println("Wrote " + written + ".");
    }
  }

  private String written() {
    StringBuilder text = new StringBuilder();
    for (Path file : new Path[] {reportMd, reportJson, chart}) {
      if (file != null) {
        text.append(text.length() == 0 ? "" : ", ").append(file);
      }
    }
    return text.toString();
  }
}
