package io.ctsuite.promotion.gitlab;

import java.util.List;

/**
 * What a merge request should say and who should look at it.
 *
 * @param sourceBranch the branch with the change
 * @param targetBranch the branch it goes into
 * @param title the title
 * @param description the description (the model card)
 * @param labels labels to set
 * @param assigneeIds users to assign
 * @param reviewerIds users to ask for review
 * @param removeSourceBranch delete the source branch when merged
 */
public record MergeRequestDraft(
    String sourceBranch,
    String targetBranch,
    String title,
    String description,
    List<String> labels,
    List<Long> assigneeIds,
    List<Long> reviewerIds,
    boolean removeSourceBranch) {
  public MergeRequestDraft {
    labels = List.copyOf(labels);
    assigneeIds = List.copyOf(assigneeIds);
    reviewerIds = List.copyOf(reviewerIds);
  }
}
