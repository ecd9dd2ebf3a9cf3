package io.jenkins.plugins.ct.promotion;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.Numbers;
import io.ctsuite.promotion.gate.Outcome;
import java.io.File;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One regression gate of a build. build.xml keeps this summary (verdict, counts, the key metric);
 * the whole table lives in {@code <build>/ct-promotion/gate-<id>.json} and is read only when a page
 * or the API asks for the rows.
 */
@ExportedBean(defaultVisibility = 2)
public final class GateRecord {
  private static final Logger LOGGER = Logger.getLogger(GateRecord.class.getName());

  private final int id;
  private final String name;
  private final String verdict;
  private final String summary;
  private final int rows;
  private final int failed;
  private final int inconclusive;
  private final String candidate;
  private final String baseline;
  private final String spec;
  private final String datasetVersion;
  private final Integer examples;
  private final long timestamp;
  private final String appliedResult;
  private final String keyMetric;
  private final Double keyCandidate;
  private final Double keyBaseline;
  private final String keyBetter;

  private transient PromotionAction parent;
  private transient WeakReference<GateResult> cache;

  GateRecord(
      int id, String name, GateResult result, String spec, long timestamp, String appliedResult) {
    this.id = id;
    this.name = name;
    this.verdict = result.verdict().name();
    this.summary = result.summary();
    this.rows = result.checks().size();
    this.failed = count(result, Outcome.FAIL);
    this.inconclusive = count(result, Outcome.INCONCLUSIVE);
    this.candidate = String.join(", ", result.candidate());
    this.baseline = String.join(", ", result.baseline());
    this.spec = spec;
    this.datasetVersion = result.datasetVersion();
    this.examples = result.examples();
    this.timestamp = timestamp;
    this.appliedResult = appliedResult;
    CheckResult key = keyRow(result);
    this.keyMetric = key == null ? null : key.metric();
    this.keyCandidate = key == null ? null : key.candidate();
    this.keyBaseline = key == null ? null : key.baseline();
    this.keyBetter = key == null ? null : key.better().word();
    this.cache = new WeakReference<>(result);
  }

  /** The row that stands for the gate in trends: the first required whole-test-set check. */
  static CheckResult keyRow(GateResult result) {
    CheckResult first = null;
    for (CheckResult row : result.checks()) {
      if (row.slice() == null) {
        if (row.required()) {
          return row;
        }
        if (first == null) {
          first = row;
        }
      }
    }
    return first;
  }

  private static int count(GateResult result, Outcome outcome) {
    int n = 0;
    for (CheckResult row : result.checks()) {
      if (row.required() && row.outcome() == outcome) {
        n++;
      }
    }
    return n;
  }

  void attach(PromotionAction parent) {
    this.parent = parent;
  }

  /** The number of this gate within its build, from 1. */
  @Exported
  public int getId() {
    return id;
  }

  /** The name given to regressionGate, or null. */
  @Exported
  public String getName() {
    return name;
  }

  /** The name, else "gate <id>". */
  public String getTitle() {
    return name != null ? name : "gate " + id;
  }

  /** PASS, FAIL or INCONCLUSIVE. */
  @Exported
  public String getVerdict() {
    return verdict;
  }

  public boolean isPassed() {
    return "PASS".equals(verdict);
  }

  @Exported
  public String getSummary() {
    return summary;
  }

  /** Rows in the table (checks and slices). */
  @Exported
  public int getRowCount() {
    return rows;
  }

  @Exported
  public int getFailed() {
    return failed;
  }

  @Exported
  public int getInconclusive() {
    return inconclusive;
  }

  @Exported
  public String getCandidate() {
    return candidate;
  }

  @Exported
  public String getBaseline() {
    return baseline;
  }

  /** The spec file, or "(map in the Pipeline)". */
  @Exported
  public String getSpec() {
    return spec;
  }

  @Exported
  public String getDatasetVersion() {
    return datasetVersion;
  }

  @Exported
  public Integer getExamples() {
    return examples;
  }

  @Exported
  public long getTimestamp() {
    return timestamp;
  }

  /** The build result the gate asked for (UNSTABLE, FAILURE), or null when it left it alone. */
  @Exported
  public String getAppliedResult() {
    return appliedResult;
  }

  @Exported
  public String getKeyMetric() {
    return keyMetric;
  }

  @Exported
  public Double getKeyCandidate() {
    return keyCandidate;
  }

  @Exported
  public Double getKeyBaseline() {
    return keyBaseline;
  }

  /** "higher" or "lower": which way the key metric improves. */
  @Exported
  public String getKeyBetter() {
    return keyBetter;
  }

  public String getKeyText() {
    if (keyMetric == null) {
      return "";
    }
    return keyMetric
        + " "
        + Numbers.format(keyCandidate)
        + " (production "
        + Numbers.format(keyBaseline)
        + ")";
  }

  /** The table, read from the build directory when not in memory. */
  @Exported(name = "checks")
  public List<GateRow> getRows() {
    GateResult result = result();
    if (result == null) {
      return Collections.emptyList();
    }
    List<GateRow> view = new ArrayList<>();
    for (CheckResult row : result.checks()) {
      view.add(new GateRow(row));
    }
    return view;
  }

  /** The whole gate result, or null when its file is missing or unreadable. */
  GateResult result() {
    GateResult result = cache == null ? null : cache.get();
    if (result != null || parent == null) {
      return result;
    }
    File file = parent.reportFile(id, "json");
    try {
      result =
          GateResult.fromJson(
              Files.readString(file.toPath(), StandardCharsets.UTF_8), file.getPath());
      cache = new WeakReference<>(result);
      return result;
    } catch (IOException | InputException e) {
      LOGGER.log(Level.WARNING, "cannot read the gate report " + file, e);
      return null;
    }
  }
}
