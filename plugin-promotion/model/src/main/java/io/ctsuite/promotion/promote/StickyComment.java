package io.ctsuite.promotion.promote;

import io.ctsuite.promotion.gitlab.GitLabException;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.gitlab.NoteInfo;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One comment on a merge request that is kept up to date: a hidden marker finds it again, so that
 * re-runs edit it instead of piling up new comments (as teams using GitLab CI are used to).
 */
public final class StickyComment {
  private final MergeRequestGateway gitlab;

  public StickyComment(MergeRequestGateway gitlab) {
    this.gitlab = gitlab;
  }

  /** What happened to the comment. */
  public static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether the comment was created, edited, or already said this. */
    public enum Status {
      CREATED,
      UPDATED,
      UNCHANGED
    }

    private final Status status;
    private final long noteId;
    private final boolean truncated;

    Result(Status status, long noteId, boolean truncated) {
      this.status = status;
      this.noteId = noteId;
      this.truncated = truncated;
    }

    public Status status() {
      return status;
    }

    public long noteId() {
      return noteId;
    }

    /** Whether the body was cut to GitLab's limit. */
    public boolean truncated() {
      return truncated;
    }

    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("status", status.name());
      map.put("noteId", noteId);
      map.put("truncated", truncated);
      return map;
    }
  }

  /** The hidden line that marks our comment; {@code key} tells several reports apart. */
  public static String marker(String key) {
    return "<!-- ct-gate-report:" + key.replace("--", "- -") + " -->";
  }

  /**
   * Posts {@code body} as the comment marked with {@code key}, or edits that comment.
   *
   * @param fullReportUrl where the whole report is, linked when the body must be cut; may be null
   */
  public Result post(
      String project, long mergeRequestIid, String key, String body, String fullReportUrl) {
    try {
      return attempt(project, mergeRequestIid, key, body, fullReportUrl);
    } catch (GitLabException e) {
      if (e.kind() != GitLabException.Kind.CONFLICT) {
        throw e;
      }
      return attempt(project, mergeRequestIid, key, body, fullReportUrl);
    }
  }

  private Result attempt(String project, long iid, String key, String body, String fullReportUrl) {
    String marker = marker(key);
    String full = marker + "\n" + body;
    String text = NoteText.fit(full, fullReportUrl);
    boolean truncated = !text.equals(full);
    for (NoteInfo note : gitlab.notes(project, iid)) {
      if (!note.system() && note.body() != null && note.body().startsWith(marker)) {
        if (note.body().strip().equals(text.strip())) {
          return new Result(Result.Status.UNCHANGED, note.id(), truncated);
        }
        NoteInfo updated = gitlab.updateNote(project, iid, note.id(), text);
        return new Result(Result.Status.UPDATED, updated.id(), truncated);
      }
    }
    NoteInfo created = gitlab.createNote(project, iid, text);
    return new Result(Result.Status.CREATED, created.id(), truncated);
  }
}
