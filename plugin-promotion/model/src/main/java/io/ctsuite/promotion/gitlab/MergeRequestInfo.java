package io.ctsuite.promotion.gitlab;

import java.util.List;

/** A merge request as GitLab reports it. */
public record MergeRequestInfo(
    long iid,
    String title,
    String description,
    String sourceBranch,
    String targetBranch,
    String state,
    String webUrl,
    List<String> labels,
    List<Long> assigneeIds,
    List<Long> reviewerIds,
    boolean mergeWhenPipelineSucceeds,
    String sha) {
  public MergeRequestInfo {
    labels = labels == null ? List.of() : List.copyOf(labels);
    assigneeIds = assigneeIds == null ? List.of() : List.copyOf(assigneeIds);
    reviewerIds = reviewerIds == null ? List.of() : List.copyOf(reviewerIds);
  }
}
