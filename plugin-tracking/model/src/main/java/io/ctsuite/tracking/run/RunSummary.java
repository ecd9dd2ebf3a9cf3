package io.ctsuite.tracking.run;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The small part of a run record ({@code run.json}): identity, status, params, tags, a {@link
 * MetricSummary} per metric and system metric, artifacts and references. Everything a leaderboard
 * or a build page needs without loading the series. Immutable; build one with {@link #builder}.
 */
public final class RunSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String family;
  private final String name;
  private final RunStatus status;
  private final Long startedAt;
  private final Long endedAt;
  private final Integer exitCode;
  private final TreeMap<String, Object> params;
  private final TreeMap<String, String> tags;
  private final TreeMap<String, MetricSummary> metrics;
  private final TreeMap<String, MetricSummary> system;
  private final List<Artifact> artifacts;
  private final References references;
  private final List<String> warnings;

  private RunSummary(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.family = b.family == null || b.family.isBlank() ? "default" : b.family;
    this.name = b.name;
    this.status = b.status;
    this.startedAt = b.startedAt;
    this.endedAt = b.endedAt;
    this.exitCode = b.exitCode;
    this.params = new TreeMap<>(b.params);
    this.tags = new TreeMap<>(b.tags);
    this.metrics = new TreeMap<>(b.metrics);
    this.system = new TreeMap<>(b.system);
    this.artifacts = List.copyOf(b.artifacts);
    this.references = b.references;
    this.warnings = List.copyOf(b.warnings);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding everything this summary has. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.family = family;
    b.name = name;
    b.status = status;
    b.startedAt = startedAt;
    b.endedAt = endedAt;
    b.exitCode = exitCode;
    b.params.putAll(params);
    b.tags.putAll(tags);
    b.metrics.putAll(metrics);
    b.system.putAll(system);
    b.artifacts.addAll(artifacts);
    b.references = references;
    b.warnings.addAll(warnings);
    return b;
  }

  public String id() {
    return id;
  }

  /** The experiment family the run belongs to (runs are ranked within a family). */
  public String family() {
    return family;
  }

  /** A display name, or {@code null}. */
  public String name() {
    return name;
  }

  public RunStatus status() {
    return status;
  }

  /** Epoch milliseconds, or {@code null}. */
  public Long startedAt() {
    return startedAt;
  }

  /** Epoch milliseconds, or {@code null} while running. */
  public Long endedAt() {
    return endedAt;
  }

  /** The exit code of the command the run recorded, or {@code null}. */
  public Integer exitCode() {
    return exitCode;
  }

  /** Flattened, typed parameters, sorted by key. */
  public SortedMap<String, Object> params() {
    return Collections.unmodifiableSortedMap(params);
  }

  public SortedMap<String, String> tags() {
    return Collections.unmodifiableSortedMap(tags);
  }

  public SortedMap<String, MetricSummary> metrics() {
    return Collections.unmodifiableSortedMap(metrics);
  }

  public SortedMap<String, MetricSummary> system() {
    return Collections.unmodifiableSortedMap(system);
  }

  public List<Artifact> artifacts() {
    return artifacts;
  }

  public References references() {
    return references;
  }

  /** The first problems met while capturing (bad lines, corrupt records), for display. */
  public List<String> warnings() {
    return warnings;
  }

  /** The summary of a metric, or {@code null}. */
  public MetricSummary metric(String key) {
    return metrics.get(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunSummary r
        && id.equals(r.id)
        && family.equals(r.family)
        && Objects.equals(name, r.name)
        && status == r.status
        && Objects.equals(startedAt, r.startedAt)
        && Objects.equals(endedAt, r.endedAt)
        && Objects.equals(exitCode, r.exitCode)
        && params.equals(r.params)
        && tags.equals(r.tags)
        && metrics.equals(r.metrics)
        && system.equals(r.system)
        && artifacts.equals(r.artifacts)
        && references.equals(r.references)
        && warnings.equals(r.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, family, status, params, tags, metrics);
  }

  @Override
  public String toString() {
    return "run " + id + " (" + family + ", " + status + ", " + metrics.size() + " metrics)";
  }

  /** Collects the parts of a summary. */
  public static final class Builder {
    /** Warnings kept in the summary; the rest are only counted. */
    public static final int MAX_WARNINGS = 20;

    private final String id;
    private String family;
    private String name;
    private RunStatus status = RunStatus.RUNNING;
    private Long startedAt;
    private Long endedAt;
    private Integer exitCode;
    private final TreeMap<String, Object> params = new TreeMap<>();
    private final TreeMap<String, String> tags = new TreeMap<>();
    private final TreeMap<String, MetricSummary> metrics = new TreeMap<>();
    private final TreeMap<String, MetricSummary> system = new TreeMap<>();
    private final List<Artifact> artifacts = new ArrayList<>();
    private References references = References.none();
    private final List<String> warnings = new ArrayList<>();

    private Builder(String id) {
      this.id = RunIds.check(id);
    }

    public Builder family(String family) {
      this.family = family;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder status(RunStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    public Builder startedAt(Long epochMillis) {
      this.startedAt = epochMillis;
      return this;
    }

    public Builder endedAt(Long epochMillis) {
      this.endedAt = epochMillis;
      return this;
    }

    public Builder exitCode(Integer exitCode) {
      this.exitCode = exitCode;
      return this;
    }

    public Builder param(String key, Object value) {
      params.put(key, ParamValues.normalise(value));
      return this;
    }

    public Builder params(Map<String, ?> values) {
      values.forEach(this::param);
      return this;
    }

    public Builder tag(String key, String value) {
      tags.put(key, value == null ? "" : value);
      return this;
    }

    public Builder tags(Map<String, String> values) {
      values.forEach(this::tag);
      return this;
    }

    public Builder metric(String key, MetricSummary summary) {
      metrics.put(key, summary);
      return this;
    }

    public Builder metrics(Map<String, MetricSummary> summaries) {
      metrics.putAll(summaries);
      return this;
    }

    public Builder system(Map<String, MetricSummary> summaries) {
      system.putAll(summaries);
      return this;
    }

    /** Adds an artifact, replacing one with the same path. */
    public Builder artifact(Artifact artifact) {
      artifacts.removeIf(a -> a.path().equals(artifact.path()));
      artifacts.add(artifact);
      return this;
    }

    public Builder references(References references) {
      this.references = Objects.requireNonNull(references, "references");
      return this;
    }

    /** Keeps a warning, up to {@link #MAX_WARNINGS}. */
    public Builder warning(String warning) {
      if (warnings.size() < MAX_WARNINGS) {
        warnings.add(warning);
      }
      return this;
    }

    public RunSummary build() {
      return new RunSummary(this);
    }
  }
}
