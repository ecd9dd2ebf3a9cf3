package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.policy.Amounts;
import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One dataset version a build touched: snapshotted, used (pinned for reproducibility), compared,
 * mixed or balanced. Only the summary lives in build.xml; per-group counts are in a file of the
 * build (see {@link DatasetBuildAction#stats}).
 */
@ExportedBean(defaultVisibility = 2)
public final class DatasetRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the build did with the version. */
  public enum Kind {
    SNAPSHOT,
    USE,
    DIFF,
    MIX,
    BALANCE
  }

  private final Kind kind;
  private final String dataset;
  private final String versionId;
  private final String versionLabel;
  private final long files;
  private final long bytes;
  private final String registry;
  private final long timestamp;
  private String source;
  private boolean created;
  private int sources = -1;
  private int labels = -1;
  private String query;
  private String selectionId;
  private String materializedTo;
  private String previousBuildVersion;
  private Integer previousBuild;
  private ChangeSummary sincePreviousBuild;
  private Boolean retrain;
  private String reason;
  private String fromLabel;
  private String fromId;
  private ChangeSummary diff;
  private String statsFile;

  DatasetRecord(Kind kind, VersionInfo version, long files, long bytes, String registry) {
    this.kind = kind;
    this.dataset = version.dataset();
    this.versionId = version.id();
    this.versionLabel = version.label();
    this.files = files;
    this.bytes = bytes;
    this.registry = registry;
    this.timestamp = System.currentTimeMillis();
  }

  /** A comparison ({@code datasetDiff}), whose "to" version is the subject. */
  DatasetRecord(
      String dataset,
      String toId,
      String toLabel,
      ChangeSummary change,
      String registry,
      boolean retrain,
      String reason) {
    this.kind = Kind.DIFF;
    this.dataset = dataset;
    this.versionId = toId;
    this.versionLabel = toLabel;
    this.files = change == null ? -1 : change.getFilesAfter();
    this.bytes = change == null ? -1 : change.getBytesAfter();
    this.registry = registry;
    this.timestamp = System.currentTimeMillis();
    this.retrain = retrain;
    this.reason = reason;
    if (change != null) {
      this.fromLabel = change.getFrom();
      this.fromId = change.getFromId();
    }
    this.diff = change;
  }

  @Exported
  public Kind getKind() {
    return kind;
  }

  @Exported
  public String getDataset() {
    return dataset;
  }

  @Exported
  public String getVersionId() {
    return versionId;
  }

  public String getShortId() {
    return versionId == null ? "" : versionId.substring(0, Math.min(12, versionId.length()));
  }

  @Exported
  public String getVersion() {
    return versionLabel;
  }

  @Exported
  public long getFiles() {
    return files;
  }

  @Exported
  public long getBytes() {
    return bytes;
  }

  public String getFilesText() {
    return files < 0 ? "" : Amounts.files(files);
  }

  public String getBytesText() {
    return bytes < 0 ? "" : Amounts.bytes(bytes);
  }

  /** The registry's location (a directory or s3:// URL; never credentials). */
  @Exported
  public String getRegistry() {
    return registry;
  }

  @Exported
  public long getTimestamp() {
    return timestamp;
  }

  @Exported
  public String getSource() {
    return source;
  }

  void setSource(String source) {
    this.source = source;
  }

  /** Whether a snapshot or derivation recorded a new version (false: same content as before). */
  @Exported
  public boolean isCreated() {
    return created;
  }

  void setCreated(boolean created) {
    this.created = created;
  }

  @Exported
  public int getSources() {
    return sources;
  }

  @Exported
  public int getLabels() {
    return labels;
  }

  void setGroups(int sources, int labels) {
    this.sources = sources;
    this.labels = labels;
  }

  @Exported
  public String getQuery() {
    return query;
  }

  @Exported
  public String getSelectionId() {
    return selectionId;
  }

  void setQuery(String query, String selectionId) {
    this.query = query;
    this.selectionId = selectionId;
  }

  @Exported
  public String getMaterializedTo() {
    return materializedTo;
  }

  void setMaterializedTo(String materializedTo) {
    this.materializedTo = materializedTo;
  }

  /**
   * The version the previous build used of this dataset, which {@link #getSincePreviousBuild}
   * compares with.
   */
  @Exported
  public String getPreviousBuildVersion() {
    return previousBuildVersion;
  }

  @Exported
  public Integer getPreviousBuild() {
    return previousBuild;
  }

  @CheckForNull
  @Exported
  public ChangeSummary getSincePreviousBuild() {
    return sincePreviousBuild;
  }

  void setSincePreviousBuild(Integer build, String version, ChangeSummary change) {
    this.previousBuild = build;
    this.previousBuildVersion = version;
    this.sincePreviousBuild = change;
  }

  /** For a comparison: whether the change policy says to retrain. */
  @Exported
  public Boolean getRetrain() {
    return retrain;
  }

  @Exported
  public String getReason() {
    return reason;
  }

  @Exported
  public String getFromVersion() {
    return fromLabel;
  }

  @Exported
  public String getFromId() {
    return fromId;
  }

  @CheckForNull
  @Exported
  public ChangeSummary getDiff() {
    return diff;
  }

  String getStatsFile() {
    return statsFile;
  }

  void setStatsFile(String statsFile) {
    this.statsFile = statsFile;
  }

  /**
   * Whether the registry pages at {@code /ct-datasets/} show this version (the global registry).
   */
  public boolean isBrowsable() {
    try {
      return registry != null && registry.equals(Registries.location(null));
    } catch (IllegalStateException e) {
      return false;
    }
  }

  public boolean isHasStats() {
    return statsFile != null;
  }

  /** Whether the build consumed this version (trained or evaluated on it). */
  public boolean isConsumed() {
    return kind == Kind.USE;
  }

  public String getKindText() {
    return switch (kind) {
      case SNAPSHOT -> created ? "Snapshot (new version)" : "Snapshot (unchanged)";
      case USE -> "Used";
      case DIFF -> "Compared";
      case MIX -> "Mixed";
      case BALANCE -> "Balanced";
    };
  }
}
