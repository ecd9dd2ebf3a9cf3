package io.ctsuite.promotion.promote;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a promotion did. A plain serializable class, so that Jenkins can keep it with the build. */
public final class PromotionResult implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The merge request's fate. */
  public enum Status {
    /** A new merge request was opened. */
    CREATED,
    /** The open merge request of this model line got the new version. */
    UPDATED,
    /** The open merge request already holds exactly this promotion: nothing was sent. */
    UNCHANGED,
    /** The target branch already deploys this version: no merge request is needed. */
    ALREADY_DEPLOYED
  }

  private final Status status;
  private final long mergeRequestIid;
  private final String mergeRequestUrl;
  private final String branch;
  private final String targetBranch;
  private final String commitId;
  private final ArrayList<String> warnings;

  public PromotionResult(
      Status status,
      long mergeRequestIid,
      String mergeRequestUrl,
      String branch,
      String targetBranch,
      String commitId,
      List<String> warnings) {
    this.status = status;
    this.mergeRequestIid = mergeRequestIid;
    this.mergeRequestUrl = mergeRequestUrl;
    this.branch = branch;
    this.targetBranch = targetBranch;
    this.commitId = commitId;
    this.warnings = new ArrayList<>(warnings);
  }

  public Status status() {
    return status;
  }

  /** The merge request's number in the project, 0 when there is none. */
  public long mergeRequestIid() {
    return mergeRequestIid;
  }

  public String mergeRequestUrl() {
    return mergeRequestUrl;
  }

  public String branch() {
    return branch;
  }

  public String targetBranch() {
    return targetBranch;
  }

  /** The commit made, or null when the branch already held the change. */
  public String commitId() {
    return commitId;
  }

  /** Things that did not work but did not stop the promotion, e.g. auto-merge refused. */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** One line for a console. */
  public String describe() {
    return switch (status) {
      case CREATED -> "Opened merge request !" + mergeRequestIid + ": " + mergeRequestUrl;
      case UPDATED -> "Updated merge request !" + mergeRequestIid + ": " + mergeRequestUrl;
      case UNCHANGED ->
          "Merge request !"
              + mergeRequestIid
              + " already holds this promotion; nothing changed: "
              + mergeRequestUrl;
      case ALREADY_DEPLOYED -> targetBranch + " already deploys this version; nothing to do.";
    };
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("status", status.name());
    map.put("mergeRequestIid", mergeRequestIid);
    map.put("mergeRequestUrl", mergeRequestUrl);
    map.put("branch", branch);
    map.put("targetBranch", targetBranch);
    map.put("commitId", commitId);
    map.put("warnings", new ArrayList<>(warnings));
    return map;
  }
}
