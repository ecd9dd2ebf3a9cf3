package io.ctsuite.cli.demo;

import io.ctsuite.cli.support.Table;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.Evaluation;
import io.ctsuite.promotion.gate.EvaluationReader;
import io.ctsuite.promotion.gate.Gate;
import io.ctsuite.promotion.gate.GateSpecParser;
import io.ctsuite.promotion.gate.Outcome;
import io.ctsuite.promotion.report.GateChart;
import io.ctsuite.promotion.report.JsonReport;
import io.ctsuite.promotion.report.MarkdownReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Step 4: the candidate and the deployed production model evaluated on the same test set (the test
 * split of the new version), then the regression gate with an overall and a per-hospital check.
 */
final class GateStep {

  void run(DemoRun run) {
    DemoConsole console = run.console;
    VersionInfo testSet = run.latest();
    console.step(4, "Candidate against production on the same test set, then the regression gate");
    console.say("Both models are evaluated on the test split of " + testSet.label() + ":");
    console.say("production, as deployed in " + run.paths.show(run.paths.deployConfig()) + ":");
    Path production = run.paths.eval().resolve("production-" + testSet.label() + ".jsonl");
    run.productionOnV2 =
        run.scripts.evaluate(
            List.of(
                "--model-from",
                run.paths.deployConfig().toString(),
                "--key",
                DemoSettings.MODEL_KEY),
            run.paths.data(),
            production,
            testSet.id());
    console.say("candidate, run " + run.candidate.runId() + ":");
    Path candidate = run.paths.eval().resolve("candidate-" + testSet.label() + ".jsonl");
    run.candidateOnV2 =
        run.scripts.evaluate(
            List.of("--model", run.candidate.modelFile().toString()),
            run.paths.data(),
            candidate,
            testSet.id());

    Path spec = run.example.gateSpec();
    console.command(
        "ct gate --candidate "
            + run.paths.show(candidate)
            + " --baseline "
            + run.paths.show(production)
            + " --spec "
            + run.paths.show(spec));
    EvaluationReader reader = new EvaluationReader();
    Evaluation candidateResults = reader.read("candidate", List.of(candidate));
    Evaluation productionResults = reader.read("production", List.of(production));
    run.gate = new Gate(GateSpecParser.read(spec)).evaluate(candidateResults, productionResults);

    Table table = new Table("check", "candidate", "production", "difference", "outcome");
    for (CheckResult check : run.gate.checks()) {
      table.row(
          check.label(),
          String.format(Locale.ROOT, "%.4f", check.candidate()),
          String.format(Locale.ROOT, "%.4f", check.baseline()),
          String.format(Locale.ROOT, "%+.4f", check.difference()),
          check.outcome().name().toLowerCase(Locale.ROOT)
              + (check.required() ? "" : " (advisory)"));
    }
    StringWriter text = new StringWriter();
    table.print(new PrintWriter(text));
    for (String line : text.toString().split("\n")) {
      console.detail(line);
    }
    console.say("Gate verdict: " + run.gate.verdict() + ". " + run.gate.summary());
    for (CheckResult check : run.gate.checks()) {
      if (check.required()
          && check.outcome() != Outcome.PASS
          && check.outcome() != Outcome.SKIPPED) {
        console.detail(check.label() + ": " + check.reason());
      }
    }

    Path report = run.paths.report();
    AtomicFiles.writeString(report.resolve("gate.json"), JsonReport.render(run.gate));
    AtomicFiles.writeString(report.resolve("gate.md"), MarkdownReport.render(run.gate));
    AtomicFiles.writeString(report.resolve("gate.svg"), GateChart.svg(run.gate));
  }
}
