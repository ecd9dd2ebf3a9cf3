package io.ctsuite.promotion.promote;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.config.KeyPath;
import io.ctsuite.promotion.gate.GateResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A promotion: which model goes where, with what evidence and who should review it. Built with
 * {@link #builder()}; the Jenkins step and {@code ct promote} fill it from their options.
 */
public final class PromotionRequest implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String BRANCH_PREFIX = "ct/promote/";

  private final String project;
  private final String file;
  private final String keyPath;
  private final String targetBranch;
  private final String uri;
  private final String version;
  private final String sha256;
  private final Lineage lineage;
  private final GateResult gate;
  private final List<String> labels;
  private final List<String> assignees;
  private final List<String> reviewers;
  private final boolean mergeWhenPipelineSucceeds;
  private final String reportUrl;

  private PromotionRequest(Builder b) {
    this.project = required(b.project, "project");
    this.file = required(b.file, "file");
    this.keyPath = KeyPath.parse(required(b.keyPath, "key")).toString();
    this.targetBranch = blankToNull(b.targetBranch);
    this.uri = required(b.uri, "model URI");
    this.sha256 = b.sha256 == null ? null : checkSha256(b.sha256);
    this.version =
        blankToNull(b.version) != null
            ? b.version.strip()
            : sha256 != null ? "sha256-" + sha256.substring(0, 12) : null;
    if (version == null) {
      throw new InputException(
          "give the model's version or its SHA-256 (the version defaults to it)");
    }
    this.lineage = b.lineage == null ? Lineage.NONE : b.lineage;
    this.gate = b.gate;
    this.labels = List.copyOf(b.labels);
    this.assignees = List.copyOf(b.assignees);
    this.reviewers = List.copyOf(b.reviewers);
    this.mergeWhenPipelineSucceeds = b.mergeWhenPipelineSucceeds;
    this.reportUrl = blankToNull(b.reportUrl);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String project() {
    return project;
  }

  public String file() {
    return file;
  }

  /** The key path as text, e.g. models.phase-recognition. */
  public String keyPath() {
    return keyPath;
  }

  /** The branch to promote into, or null for the project's default branch. */
  public String targetBranch() {
    return targetBranch;
  }

  public String uri() {
    return uri;
  }

  public String version() {
    return version;
  }

  public String sha256() {
    return sha256;
  }

  public Lineage lineage() {
    return lineage;
  }

  /** The gate report behind the promotion, or null. */
  public GateResult gate() {
    return gate;
  }

  public List<String> labels() {
    return labels;
  }

  public List<String> assignees() {
    return assignees;
  }

  public List<String> reviewers() {
    return reviewers;
  }

  public boolean mergeWhenPipelineSucceeds() {
    return mergeWhenPipelineSucceeds;
  }

  /** Where the full gate report can be read (a build page), or null. */
  public String reportUrl() {
    return reportUrl;
  }

  /** The model line's name: the last segment of the key path. */
  public String modelLine() {
    List<String> segments = KeyPath.parse(keyPath).segments();
    return segments.get(segments.size() - 1);
  }

  /** One branch per model line, so that a new version updates the open merge request. */
  public String branch() {
    String slug =
        keyPath.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return BRANCH_PREFIX + slug;
  }

  /** The fields written at the key path; null values remove stale entries. */
  public Map<String, Object> fields() {
    Map<String, Object> lineageFields = new LinkedHashMap<>();
    lineageFields.put("build_url", lineage.buildUrl());
    lineageFields.put("dataset_version", lineage.datasetVersion());
    lineageFields.put("git_commit", lineage.gitCommit());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("uri", uri);
    fields.put("version", version);
    fields.put("sha256", sha256);
    // without any lineage the old block goes: it would describe another model
    fields.put("lineage", lineage.isEmpty() ? null : lineageFields);
    return fields;
  }

  private static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new InputException("the promotion needs a " + what);
    }
    return value.strip();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String checkSha256(String value) {
    String hex = value.strip().toLowerCase(Locale.ROOT);
    if (hex.startsWith("sha256:")) {
      hex = hex.substring("sha256:".length());
    }
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new InputException("the SHA-256 must be 64 hex digits, not '" + value + "'");
    }
    return hex;
  }

  /** Collects a promotion's parts. */
  public static final class Builder {
    private String project;
    private String file;
    private String keyPath;
    private String targetBranch;
    private String uri;
    private String version;
    private String sha256;
    private Lineage lineage;
    private GateResult gate;
    private final List<String> labels = new ArrayList<>();
    private final List<String> assignees = new ArrayList<>();
    private final List<String> reviewers = new ArrayList<>();
    private boolean mergeWhenPipelineSucceeds;
    private String reportUrl;

    public Builder project(String project) {
      this.project = project;
      return this;
    }

    public Builder file(String file) {
      this.file = file;
      return this;
    }

    public Builder key(String keyPath) {
      this.keyPath = keyPath;
      return this;
    }

    public Builder targetBranch(String targetBranch) {
      this.targetBranch = targetBranch;
      return this;
    }

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder sha256(String sha256) {
      this.sha256 = sha256;
      return this;
    }

    public Builder lineage(Lineage lineage) {
      this.lineage = lineage;
      return this;
    }

    public Builder gate(GateResult gate) {
      this.gate = gate;
      return this;
    }

    public Builder labels(List<String> labels) {
      this.labels.addAll(labels);
      return this;
    }

    public Builder assignees(List<String> assignees) {
      this.assignees.addAll(assignees);
      return this;
    }

    public Builder reviewers(List<String> reviewers) {
      this.reviewers.addAll(reviewers);
      return this;
    }

    public Builder mergeWhenPipelineSucceeds(boolean value) {
      this.mergeWhenPipelineSucceeds = value;
      return this;
    }

    public Builder reportUrl(String reportUrl) {
      this.reportUrl = reportUrl;
      return this;
    }

    public PromotionRequest build() {
      return new PromotionRequest(this);
    }
  }
}
