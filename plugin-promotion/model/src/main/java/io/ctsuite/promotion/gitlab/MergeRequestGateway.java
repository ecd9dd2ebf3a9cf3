package io.ctsuite.promotion.gitlab;

import java.util.List;
import java.util.Optional;

/**
 * The GitLab operations promotion needs, in GitLab's own terms. The GitLab4J implementation talks
 * to a server; a dry run records what would be sent. Failures are {@link GitLabException}s whose
 * messages never contain the token.
 */
public interface MergeRequestGateway extends AutoCloseable {
  /** The project, by numeric id or path ("group/project"). */
  ProjectInfo project(String project);

  /** A file on a branch, or empty when the file does not exist there. */
  Optional<RepositoryFile> file(String project, String path, String ref);

  /** Whether a branch exists. */
  boolean branchExists(String project, String branch);

  /** Commits file changes; may create (or reset) the branch from {@code startBranch}. */
  CommitInfo commit(String project, CommitRequest request);

  /** Open merge requests from one branch into another. */
  List<MergeRequestInfo> openMergeRequests(
      String project, String sourceBranch, String targetBranch);

  MergeRequestInfo createMergeRequest(String project, MergeRequestDraft draft);

  /** Sets title, description, labels, assignees and reviewers of an existing merge request. */
  MergeRequestInfo updateMergeRequest(String project, long iid, MergeRequestDraft draft);

  MergeRequestInfo mergeRequest(String project, long iid);

  /** Asks GitLab to merge once the pipeline succeeds. */
  MergeRequestInfo mergeWhenPipelineSucceeds(String project, long iid, String sha);

  /** The merge request's comments, oldest first. */
  List<NoteInfo> notes(String project, long iid);

  NoteInfo createNote(String project, long iid, String body);

  NoteInfo updateNote(String project, long iid, long noteId, String body);

  /** A user's numeric id by username. */
  long userId(String username);

  @Override
  default void close() {}
}
