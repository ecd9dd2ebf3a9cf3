package io.ctsuite.promotion.gitlab;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Assignee;
import org.gitlab4j.api.models.Commit;
import org.gitlab4j.api.models.CommitAction;
import org.gitlab4j.api.models.CommitPayload;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.api.models.Note;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.Reviewer;
import org.gitlab4j.api.models.User;
import org.gitlab4j.models.Constants.Encoding;
import org.gitlab4j.models.Constants.MergeRequestState;

/**
 * The gateway on GitLab4J: retries what may pass on a second try (429, 5xx, no answer) with backoff
 * and Retry-After, and turns every other failure into a {@link GitLabException} that says what was
 * being done, in words and without the token.
 */
public final class GitLab4jGateway implements MergeRequestGateway {
  private final GitLabApi api;
  private final String url;
  private final String token;
  private final RetryPolicy retry;
  private final Sleeper sleeper;

  GitLab4jGateway(GitLabApi api, String url, String token, RetryPolicy retry, Sleeper sleeper) {
    this.api = api;
    this.url = url;
    this.token = token;
    this.retry = retry;
    this.sleeper = sleeper;
  }

  @Override
  public ProjectInfo project(String project) {
    Project p = call("reading project " + project, () -> api.getProjectApi().getProject(project));
    return new ProjectInfo(
        p.getId(), p.getPathWithNamespace(), p.getDefaultBranch(), p.getWebUrl());
  }

  @Override
  public Optional<RepositoryFile> file(String project, String path, String ref) {
    try {
      org.gitlab4j.api.models.RepositoryFile file =
          call(
              "reading " + path + " on " + ref + " of " + project,
              () -> api.getRepositoryFileApi().getFile(project, path, ref));
      return Optional.of(
          new RepositoryFile(path, ref, file.getDecodedContentAsString(), file.getLastCommitId()));
    } catch (GitLabException e) {
      if (e.kind() == GitLabException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean branchExists(String project, String branch) {
    try {
      call(
          "reading branch " + branch + " of " + project,
          () -> api.getRepositoryApi().getBranch(project, branch));
      return true;
    } catch (GitLabException e) {
      if (e.kind() == GitLabException.Kind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public CommitInfo commit(String project, CommitRequest request) {
    List<CommitAction> actions = new ArrayList<>();
    for (FileAction action : request.actions()) {
      actions.add(
          new CommitAction()
              .withAction(action.create() ? CommitAction.Action.CREATE : CommitAction.Action.UPDATE)
              .withFilePath(action.path())
              .withContent(action.content())
              .withEncoding(Encoding.TEXT)
              .withLastCommitId(action.lastCommitId()));
    }
    CommitPayload payload =
        new CommitPayload()
            .withBranch(request.branch())
            .withStartBranch(request.startBranch())
            .withCommitMessage(request.message())
            .withActions(actions)
            .withForce(request.force() ? Boolean.TRUE : null);
    Commit commit =
        call(
            "committing to branch " + request.branch() + " of " + project,
            () -> api.getCommitsApi().createCommit(project, payload));
    return new CommitInfo(commit.getId(), commit.getWebUrl());
  }

  @Override
  public List<MergeRequestInfo> openMergeRequests(
      String project, String sourceBranch, String targetBranch) {
    MergeRequestFilter filter =
        new MergeRequestFilter()
            .withState(MergeRequestState.OPENED)
            .withSourceBranch(sourceBranch)
            .withTargetBranch(targetBranch);
    List<MergeRequest> found =
        call(
            "listing open merge requests of " + project,
            () -> api.getMergeRequestApi().getMergeRequests(project, filter));
    return found.stream().map(GitLab4jGateway::info).toList();
  }

  @Override
  public MergeRequestInfo createMergeRequest(String project, MergeRequestDraft draft) {
    MergeRequestParams params = params(draft).withSourceBranch(draft.sourceBranch());
    return info(
        call(
            "opening a merge request from " + draft.sourceBranch() + " in " + project,
            () -> api.getMergeRequestApi().createMergeRequest(project, params)));
  }

  @Override
  public MergeRequestInfo updateMergeRequest(String project, long iid, MergeRequestDraft draft) {
    MergeRequestParams params = params(draft);
    return info(
        call(
            "updating merge request !" + iid + " of " + project,
            () -> api.getMergeRequestApi().updateMergeRequest(project, iid, params)));
  }

  @Override
  public MergeRequestInfo mergeRequest(String project, long iid) {
    return info(
        call(
            "reading merge request !" + iid + " of " + project,
            () -> api.getMergeRequestApi().getMergeRequest(project, iid)));
  }

  @Override
  public MergeRequestInfo mergeWhenPipelineSucceeds(String project, long iid, String sha) {
    return info(
        call(
            "setting merge request !"
                + iid
                + " of "
                + project
                + " to merge when the pipeline succeeds",
            () ->
                api.getMergeRequestApi().acceptMergeRequest(project, iid, null, null, true, sha)));
  }

  @Override
  public List<NoteInfo> notes(String project, long iid) {
    List<Note> notes =
        call(
            "reading the comments of merge request !" + iid + " of " + project,
            () -> api.getNotesApi().getMergeRequestNotes(project, iid));
    return notes.stream().map(GitLab4jGateway::info).toList();
  }

  @Override
  public NoteInfo createNote(String project, long iid, String body) {
    return info(
        call(
            "commenting on merge request !" + iid + " of " + project,
            () -> api.getNotesApi().createMergeRequestNote(project, iid, body, null, null)));
  }

  @Override
  public NoteInfo updateNote(String project, long iid, long noteId, String body) {
    return info(
        call(
            "updating comment " + noteId + " on merge request !" + iid + " of " + project,
            () -> api.getNotesApi().updateMergeRequestNote(project, iid, noteId, body)));
  }

  @Override
  public long userId(String username) {
    User user = call("looking up user " + username, () -> api.getUserApi().getUser(username));
    if (user == null) {
      throw new GitLabException(
          GitLabException.Kind.NOT_FOUND, 404, "GitLab has no user named " + username);
    }
    return user.getId();
  }

  @Override
  public void close() {
    api.close();
  }

  // ---- conversions ----

  private static MergeRequestParams params(MergeRequestDraft draft) {
    return new MergeRequestParams()
        .withTargetBranch(draft.targetBranch())
        .withTitle(draft.title())
        .withDescription(draft.description())
        .withLabels(draft.labels())
        .withAssigneeIds(draft.assigneeIds().isEmpty() ? null : draft.assigneeIds())
        .withReviewerIds(draft.reviewerIds().isEmpty() ? null : draft.reviewerIds())
        .withRemoveSourceBranch(draft.removeSourceBranch() ? Boolean.TRUE : null);
  }

  private static MergeRequestInfo info(MergeRequest mr) {
    List<Long> assignees = new ArrayList<>();
    if (mr.getAssignees() != null) {
      for (Assignee assignee : mr.getAssignees()) {
        assignees.add(assignee.getId());
      }
    }
    List<Long> reviewers = new ArrayList<>();
    if (mr.getReviewers() != null) {
      for (Reviewer reviewer : mr.getReviewers()) {
        reviewers.add(reviewer.getId());
      }
    }
    return new MergeRequestInfo(
        mr.getIid(),
        mr.getTitle(),
        mr.getDescription(),
        mr.getSourceBranch(),
        mr.getTargetBranch(),
        mr.getState(),
        mr.getWebUrl(),
        mr.getLabels(),
        assignees,
        reviewers,
        Boolean.TRUE.equals(mr.getMergeWhenPipelineSucceeds()),
        mr.getSha());
  }

  private static NoteInfo info(Note note) {
    return new NoteInfo(
        note.getId(),
        note.getBody(),
        note.getAuthor() == null ? null : note.getAuthor().getUsername(),
        Boolean.TRUE.equals(note.getSystem()));
  }

  // ---- calls, retries and messages ----

  @FunctionalInterface
  private interface Request<T> {
    T run() throws GitLabApiException;
  }

  private <T> T call(String what, Request<T> request) {
    for (int attempt = 1; ; attempt++) {
      GitLabApiException failure;
      try {
        return request.run();
      } catch (GitLabApiException e) {
        failure = e;
      } catch (RuntimeException e) {
        // GitLab4J's pager wraps the failure of a later page; the HTTP client's own failures
        // (connection refused, timeouts) arrive unchecked
        if (e.getCause() instanceof GitLabApiException wrapped) {
          failure = wrapped;
        } else if (e instanceof jakarta.ws.rs.ProcessingException) {
          failure = new GitLabApiException(e);
        } else {
          throw e;
        }
      }
      int status = failure.getHttpStatus();
      boolean noAnswer = status == 0 && failure.getCause() != null;
      if ((retryable(status) || noAnswer) && attempt < retry.maxAttempts()) {
        sleeper.sleep(delay(failure, attempt));
        continue;
      }
      throw translate(what, failure, attempt);
    }
  }

  private static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  private Duration delay(GitLabApiException e, int attempt) {
    Duration backoff = retry.backoff(attempt);
    Duration retryAfter = retryAfter(e);
    if (retryAfter == null) {
      return backoff;
    }
    return retryAfter.compareTo(retry.maxRetryAfter()) > 0 ? retry.maxRetryAfter() : retryAfter;
  }

  /** The Retry-After header, in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(GitLabApiException e) {
    if (e.getHeaders() == null) {
      return null;
    }
    String value = e.getHeaders().getFirst("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private GitLabException translate(String what, GitLabApiException e, int attempts) {
    int status = e.getHttpStatus();
    String said = e.getMessage() == null ? "" : e.getMessage().strip();
    String message;
    GitLabException.Kind kind;
    switch (status) {
      case 401 -> {
        kind = GitLabException.Kind.UNAUTHORIZED;
        message =
            "GitLab at "
                + url
                + " did not accept the token (401 Unauthorized) while "
                + what
                + "; check that the token is valid, not expired, and has the api scope";
      }
      case 403 -> {
        kind = GitLabException.Kind.FORBIDDEN;
        message =
            "the token may not do this (403 Forbidden) while "
                + what
                + "; it needs the api scope and at least the Developer role in the project";
      }
      case 404 -> {
        kind = GitLabException.Kind.NOT_FOUND;
        message =
            "not found (404) while "
                + what
                + "; check the name, and that the token's user can see the project";
      }
      case 409 -> {
        kind = GitLabException.Kind.CONFLICT;
        message = "conflict (409) while " + what + ": " + said;
      }
      default -> {
        if (retryable(status)) {
          kind = GitLabException.Kind.UNAVAILABLE;
          message =
              "GitLab answered "
                  + status
                  + " "
                  + (status == 429 ? "(too many requests)" : "(server error)")
                  + " "
                  + attempts
                  + (attempts == 1 ? " time" : " times")
                  + " while "
                  + what
                  + "; try again later";
        } else if (status == 400 && isConflict(said)) {
          kind = GitLabException.Kind.CONFLICT;
          message = "conflict while " + what + ": " + said;
        } else if (status == 0) {
          kind =
              e.getCause() != null
                  ? GitLabException.Kind.UNAVAILABLE
                  : GitLabException.Kind.REJECTED;
          message =
              (e.getCause() != null ? "could not reach GitLab at " + url + " while " : "failed ")
                  + what
                  + ": "
                  + said;
        } else {
          kind = GitLabException.Kind.REJECTED;
          message = "GitLab refused " + what + " (" + status + "): " + said;
        }
      }
    }
    return new GitLabException(kind, status, clean(message));
  }

  /** GitLab's words for a commit or branch that clashes with what is there now. */
  static boolean isConflict(String message) {
    String text = message.toLowerCase(Locale.ROOT);
    return text.contains("already exists")
        || text.contains("has changed since")
        || text.contains("changed since you started");
  }

  /** Defence in depth: whatever the message holds, not the token. */
  private String clean(String message) {
    if (token == null || token.isEmpty() || message == null) {
      return message;
    }
    return message.replace(token, "****");
  }

  @Override
  public String toString() {
    return "GitLab at " + url; // never the token
  }
}
