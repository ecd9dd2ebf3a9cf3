package io.jenkins.plugins.ct.promotion;

import io.ctsuite.promotion.gate.Numbers;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One promoteModel call of a build, kept in build.xml: what was promoted where, and what became of
 * the merge request at that moment. Refused promotions are kept too, with the reason.
 */
@ExportedBean(defaultVisibility = 2)
public final class PromotionRecord {
  /** The status of a promotion the gate did not allow. */
  static final String REFUSED = "REFUSED";

  private final String connection;
  private final String project;
  private final String file;
  private final String key;
  private final String uri;
  private final String version;
  private final String sha256;
  private final String status;
  private final long mergeRequestIid;
  private final String mergeRequestUrl;
  private final String mergeRequestState;
  private final String branch;
  private final String targetBranch;
  private final String commitId;
  private final List<String> warnings;
  private final String reason;
  private final boolean dryRun;
  private final Integer gateId;
  private final String gateVerdict;
  private final String keyMetric;
  private final Double keyValue;
  private final Double keyBaseline;
  private final long timestamp;

  private PromotionRecord(Builder b) {
    this.connection = b.connection;
    this.project = b.project;
    this.file = b.file;
    this.key = b.key;
    this.uri = b.uri;
    this.version = b.version;
    this.sha256 = b.sha256;
    this.status = b.status;
    this.mergeRequestIid = b.mergeRequestIid;
    this.mergeRequestUrl = b.mergeRequestUrl;
    this.mergeRequestState = b.mergeRequestState;
    this.branch = b.branch;
    this.targetBranch = b.targetBranch;
    this.commitId = b.commitId;
    this.warnings = new ArrayList<>(b.warnings);
    this.reason = b.reason;
    this.dryRun = b.dryRun;
    this.gateId = b.gate == null ? null : b.gate.getId();
    this.gateVerdict = b.gate == null ? null : b.gate.getVerdict();
    this.keyMetric = b.gate == null ? null : b.gate.getKeyMetric();
    this.keyValue = b.gate == null ? null : b.gate.getKeyCandidate();
    this.keyBaseline = b.gate == null ? null : b.gate.getKeyBaseline();
    this.timestamp = b.timestamp;
  }

  static Builder builder() {
    return new Builder();
  }

  @Exported
  public String getConnection() {
    return connection;
  }

  @Exported
  public String getProject() {
    return project;
  }

  @Exported
  public String getFile() {
    return file;
  }

  @Exported
  public String getKey() {
    return key;
  }

  @Exported
  public String getUri() {
    return uri;
  }

  @Exported
  public String getVersion() {
    return version;
  }

  @Exported
  public String getSha256() {
    return sha256;
  }

  /** CREATED, UPDATED, UNCHANGED, ALREADY_DEPLOYED, or REFUSED when the gate did not allow it. */
  @Exported
  public String getStatus() {
    return status;
  }

  /** Whether a merge request was opened or is open with this promotion. */
  public boolean isPromoted() {
    return !REFUSED.equals(status) && !dryRun;
  }

  @Exported
  public long getMergeRequestIid() {
    return mergeRequestIid;
  }

  @Exported
  public String getMergeRequestUrl() {
    return mergeRequestUrl;
  }

  /** The merge request's state when the promotion ran ("opened"), or null without one. */
  @Exported
  public String getMergeRequestState() {
    return mergeRequestState;
  }

  @Exported
  public String getBranch() {
    return branch;
  }

  @Exported
  public String getTargetBranch() {
    return targetBranch;
  }

  @Exported
  public String getCommitId() {
    return commitId;
  }

  @Exported
  public List<String> getWarnings() {
    return warnings == null ? List.of() : warnings;
  }

  /** Why the promotion was refused, or null. */
  @Exported
  public String getReason() {
    return reason;
  }

  /** A dry run sends nothing to GitLab. */
  @Exported
  public boolean isDryRun() {
    return dryRun;
  }

  @Exported
  public Integer getGateId() {
    return gateId;
  }

  @Exported
  public String getGateVerdict() {
    return gateVerdict;
  }

  @Exported
  public String getKeyMetric() {
    return keyMetric;
  }

  @Exported
  public Double getKeyValue() {
    return keyValue;
  }

  @Exported
  public Double getKeyBaseline() {
    return keyBaseline;
  }

  @Exported
  public long getTimestamp() {
    return timestamp;
  }

  public String getKeyValueText() {
    return keyValue == null ? "" : Numbers.format(keyValue);
  }

  /** Collects a record's parts. */
  static final class Builder {
    private String connection;
    private String project;
    private String file;
    private String key;
    private String uri;
    private String version;
    private String sha256;
    private String status;
    private long mergeRequestIid;
    private String mergeRequestUrl;
    private String mergeRequestState;
    private String branch;
    private String targetBranch;
    private String commitId;
    private List<String> warnings = List.of();
    private String reason;
    private boolean dryRun;
    private GateRecord gate;
    private long timestamp = System.currentTimeMillis();

    Builder target(String connection, String project, String file, String key) {
      this.connection = connection;
      this.project = project;
      this.file = file;
      this.key = key;
      return this;
    }

    Builder model(String uri, String version, String sha256) {
      this.uri = uri;
      this.version = version;
      this.sha256 = sha256;
      return this;
    }

    Builder status(String status) {
      this.status = status;
      return this;
    }

    Builder mergeRequest(long iid, String url, String state) {
      this.mergeRequestIid = iid;
      this.mergeRequestUrl = url;
      this.mergeRequestState = state;
      return this;
    }

    Builder branches(String branch, String targetBranch, String commitId) {
      this.branch = branch;
      this.targetBranch = targetBranch;
      this.commitId = commitId;
      return this;
    }

    Builder warnings(List<String> warnings) {
      this.warnings = warnings;
      return this;
    }

    Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    Builder gate(GateRecord gate) {
      this.gate = gate;
      return this;
    }

    PromotionRecord build() {
      return new PromotionRecord(this);
    }
  }
}
