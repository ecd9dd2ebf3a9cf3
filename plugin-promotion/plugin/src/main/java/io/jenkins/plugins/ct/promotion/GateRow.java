package io.jenkins.plugins.ct.promotion;

import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.Numbers;
import io.ctsuite.promotion.gate.Outcome;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One row of the gate table, as pages and the JSON API show it. Not persisted. */
@ExportedBean(defaultVisibility = 3)
public final class GateRow {
  private final CheckResult row;

  GateRow(CheckResult row) {
    this.row = row;
  }

  @Exported
  public String getLabel() {
    return row.label();
  }

  @Exported
  public String getName() {
    return row.name();
  }

  @Exported
  public String getMetric() {
    return row.metric();
  }

  /** "column=value" for a slice row, null for the whole test set. */
  @Exported
  public String getSlice() {
    return row.slice();
  }

  @Exported
  public boolean isRequired() {
    return row.required();
  }

  /** "higher" or "lower". */
  @Exported
  public String getBetter() {
    return row.better().word();
  }

  @Exported
  public double getCandidate() {
    return row.candidate();
  }

  @Exported
  public double getBaseline() {
    return row.baseline();
  }

  @Exported
  public double getDifference() {
    return row.difference();
  }

  @Exported
  public Double getIntervalLow() {
    return row.intervalLow();
  }

  @Exported
  public Double getIntervalHigh() {
    return row.intervalHigh();
  }

  @Exported
  public Double getPValue() {
    return row.pValue();
  }

  @Exported
  public String getThreshold() {
    return row.threshold();
  }

  /** PASS, FAIL, INCONCLUSIVE or SKIPPED. */
  @Exported
  public String getOutcome() {
    return row.outcome().name();
  }

  @Exported
  public String getReason() {
    return row.reason();
  }

  @Exported
  public Integer getExamples() {
    return row.examples();
  }

  public String getCandidateText() {
    return Numbers.format(row.candidate());
  }

  public String getBaselineText() {
    return Numbers.format(row.baseline());
  }

  public String getDifferenceText() {
    return Numbers.signed(row.difference());
  }

  public String getIntervalText() {
    return row.intervalText();
  }

  /** The outcome as shown in the table: advisory rows say so. */
  public String getOutcomeText() {
    String text = row.outcome().name();
    return row.required() || row.outcome() == Outcome.SKIPPED ? text : text + " (advisory)";
  }

  /** A CSS class for the outcome cell. */
  public String getOutcomeClass() {
    return "ct-outcome ct-outcome-" + row.outcome().name().toLowerCase(java.util.Locale.ROOT);
  }
}
