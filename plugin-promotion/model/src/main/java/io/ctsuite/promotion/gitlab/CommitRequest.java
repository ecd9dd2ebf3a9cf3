package io.ctsuite.promotion.gitlab;

import java.util.List;

/**
 * A commit through the Commits API, without a clone.
 *
 * @param branch the branch to commit to
 * @param startBranch the branch a new (or forced) branch starts from, or null
 * @param force whether to reset {@code branch} to {@code startBranch} before committing
 * @param message the commit message
 * @param actions the file changes
 */
public record CommitRequest(
    String branch, String startBranch, boolean force, String message, List<FileAction> actions) {
  public CommitRequest {
    actions = List.copyOf(actions);
  }
}
