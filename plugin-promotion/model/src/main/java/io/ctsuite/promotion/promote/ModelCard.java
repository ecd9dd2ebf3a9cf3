package io.ctsuite.promotion.promote;

import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.Numbers;
import io.ctsuite.promotion.report.MarkdownReport;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The merge request's description: what the model is, where it came from, and the gate's evidence
 * against production. Deterministic, so that re-running a promotion changes nothing.
 */
public final class ModelCard {
  private ModelCard() {}

  public static String render(PromotionRequest request) {
    StringBuilder md = new StringBuilder();
    md.append("<!-- ct-model-card:").append(request.keyPath()).append(" -->\n");
    md.append("## Model card: ")
        .append(request.modelLine())
        .append(' ')
        .append(code(request.version()))
        .append("\n\n");
    md.append("This merge request deploys a new version of `")
        .append(request.keyPath())
        .append("` by changing `")
        .append(request.file())
        .append("`. Merge it to deploy; close it to keep production as it is.\n\n");
    md.append("| | |\n|:--|:--|\n");
    md.append("| Version | ").append(code(request.version())).append(" |\n");
    md.append("| URI | ").append(code(request.uri())).append(" |\n");
    md.append("| SHA-256 | ")
        .append(request.sha256() == null ? "not given" : code(request.sha256()))
        .append(" |\n");
    md.append("\n### Lineage\n\n");
    Lineage lineage = request.lineage();
    if (lineage.isEmpty()) {
      md.append("No lineage was given.\n");
    } else {
      line(md, "Training build", lineage.buildUrl(), false);
      line(md, "Dataset version", lineage.datasetVersion(), true);
      line(md, "Code commit", lineage.gitCommit(), true);
    }
    GateResult gate = request.gate();
    md.append('\n');
    if (gate == null) {
      md.append("### Regression gate\n\nNo gate report was attached to this promotion.\n");
    } else {
      md.append(MarkdownReport.render(gate));
      md.append("\n### Metrics against production\n\n");
      md.append("| Metric | Candidate | Production | Change |\n|:--|--:|--:|--:|\n");
      Set<String> seen = new LinkedHashSet<>();
      for (CheckResult check : gate.checks()) {
        if (check.slice() == null && seen.add(check.metric())) {
          md.append("| ")
              .append(check.metric().replace("|", "\\|"))
              .append(" (")
              .append(check.better().word())
              .append(" is better) | ")
              .append(Numbers.format(check.candidate()))
              .append(" | ")
              .append(Numbers.format(check.baseline()))
              .append(" | ")
              .append(Numbers.signed(check.difference()))
              .append(" |\n");
        }
      }
    }
    if (request.reportUrl() != null) {
      md.append("\nFull report: ").append(request.reportUrl()).append('\n');
    }
    md.append("\n---\n*Opened by `ct promote`. Re-running the same promotion changes nothing;")
        .append(" a new version updates this merge request.*\n");
    return NoteText.fit(md.toString(), request.reportUrl());
  }

  private static void line(StringBuilder md, String label, String value, boolean code) {
    if (value != null) {
      md.append("- ").append(label).append(": ").append(code ? code(value) : value).append('\n');
    }
  }

  private static String code(String text) {
    return "`" + text.replace("`", "'") + "`";
  }
}
