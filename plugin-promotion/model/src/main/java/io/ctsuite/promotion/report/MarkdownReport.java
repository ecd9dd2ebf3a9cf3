package io.ctsuite.promotion.report;

import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.Numbers;
import io.ctsuite.promotion.gate.Outcome;
import io.ctsuite.promotion.gate.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate report for merge requests: GitLab-flavoured Markdown with the verdict first, then one
 * compact table of every check, then what was compared.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(GateResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### ")
        .append(icon(result.verdict()))
        .append(" Regression gate: **")
        .append(result.verdict())
        .append("**\n\n");
    md.append(cell(result.summary())).append("\n\n");
    md.append(table(result.checks()));
    String tests = tests(result.checks());
    if (!tests.isEmpty()) {
      md.append('\n').append(tests).append('\n');
    }
    md.append('\n').append(testSet(result)).append('\n');
    for (String note : result.notes()) {
      md.append("\n> ").append(cell(note)).append('\n');
    }
    return md.toString();
  }

  /** The table alone, for embedding in a model card. */
  public static String table(List<CheckResult> checks) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| Check | Candidate | Baseline | Diff | Interval | Threshold | Outcome | Reason |\n");
    md.append("|:--|--:|--:|--:|:--|:--|:--|:--|\n");
    for (CheckResult check : checks) {
      md.append("| ")
          .append(cell(check.label()))
          .append(" | ")
          .append(Numbers.format(check.candidate()))
          .append(" | ")
          .append(Numbers.format(check.baseline()))
          .append(" | ")
          .append(Numbers.signed(check.difference()))
          .append(" | ")
          .append(cell(check.intervalText()))
          .append(" | ")
          .append(cell(check.threshold()))
          .append(" | ")
          .append(outcome(check))
          .append(" | ")
          .append(cell(check.reason()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String tests(List<CheckResult> checks) {
    Map<String, String> byCheck = new LinkedHashMap<>();
    for (CheckResult check : checks) {
      if (check.test() != null) {
        byCheck.putIfAbsent(check.name(), check.test());
      }
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : byCheck.entrySet()) {
      text.append(text.length() == 0 ? "Significance: " : "; ")
          .append(cell(entry.getKey()))
          .append(" by ")
          .append(entry.getValue());
    }
    return text.length() == 0 ? "" : text.append('.').toString();
  }

  private static String testSet(GateResult result) {
    StringBuilder text = new StringBuilder("Test set: ");
    text.append(
        result.datasetVersion() == null
            ? "dataset version not stated"
            : "dataset version `" + code(result.datasetVersion()) + "`");
    if (result.examples() != null) {
      text.append(", ").append(result.examples()).append(" paired examples");
    }
    text.append(". Candidate: ")
        .append(files(result.candidate()))
        .append("; baseline: ")
        .append(files(result.baseline()))
        .append(". Seed ")
        .append(result.seed())
        .append('.');
    return text.toString();
  }

  private static String files(List<String> files) {
    StringBuilder text = new StringBuilder();
    for (String file : files) {
      text.append(text.length() == 0 ? "" : ", ").append('`').append(code(file)).append('`');
    }
    return text.toString();
  }

  static String icon(Verdict verdict) {
    return switch (verdict) {
      case PASS -> "\u2705";
      case FAIL -> "\u274C";
      case INCONCLUSIVE -> "\u26A0\uFE0F";
    };
  }

  private static String outcome(CheckResult check) {
    String icon =
        switch (check.outcome()) {
          case PASS -> "\u2705";
          case FAIL -> "\u274C";
          case INCONCLUSIVE -> "\u26A0\uFE0F";
          case SKIPPED -> "\u2796";
        };
    String text = icon + " " + check.outcome();
    return check.required() || check.outcome() == Outcome.SKIPPED ? text : text + " (advisory)";
  }

  /** Text safe inside a table cell: no pipes, line breaks or HTML. */
  static String cell(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "")
        .replace("\n", " ");
  }

  private static String code(String text) {
    return text.replace("`", "'").replace("\n", " ");
  }
}
