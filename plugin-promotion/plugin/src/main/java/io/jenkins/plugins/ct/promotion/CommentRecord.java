package io.jenkins.plugins.ct.promotion;

import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One gitlabComment call of a build: which merge request got the sticky note, and how. */
@ExportedBean(defaultVisibility = 2)
public final class CommentRecord {
  private final String connection;
  private final String project;
  private final long mergeRequestIid;
  private final String key;
  private final String status;
  private final long noteId;
  private final boolean truncated;
  private final Integer gateId;
  private final long timestamp;

  CommentRecord(
      String connection,
      String project,
      long mergeRequestIid,
      String key,
      String status,
      long noteId,
      boolean truncated,
      Integer gateId) {
    this.connection = connection;
    this.project = project;
    this.mergeRequestIid = mergeRequestIid;
    this.key = key;
    this.status = status;
    this.noteId = noteId;
    this.truncated = truncated;
    this.gateId = gateId;
    this.timestamp = System.currentTimeMillis();
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
  public long getMergeRequestIid() {
    return mergeRequestIid;
  }

  /** Tells several sticky reports on one merge request apart. */
  @Exported
  public String getKey() {
    return key;
  }

  /** CREATED, UPDATED or UNCHANGED. */
  @Exported
  public String getStatus() {
    return status;
  }

  @Exported
  public long getNoteId() {
    return noteId;
  }

  @Exported
  public boolean isTruncated() {
    return truncated;
  }

  /** The gate whose report was posted, or null for a body given as text. */
  @Exported
  public Integer getGateId() {
    return gateId;
  }

  @Exported
  public long getTimestamp() {
    return timestamp;
  }
}
