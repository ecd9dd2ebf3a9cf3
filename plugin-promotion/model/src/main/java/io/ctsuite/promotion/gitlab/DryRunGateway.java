package io.ctsuite.promotion.gitlab;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway that sends nothing: it records the requests a promotion would make and answers reads as
 * for a project where the promotion branch and merge request do not exist yet. The deployment
 * config is read from a local copy.
 */
public final class DryRunGateway implements MergeRequestGateway {
  private final String defaultBranch;
  private final Map<String, String> localFiles;
  private final List<PlannedRequest> requests = new ArrayList<>();
  private final Map<Long, String> userNames = new LinkedHashMap<>();
  private final String webUrl;

  /**
   * @param webUrl the GitLab URL, to show links as they would be
   * @param defaultBranch the branch to assume as the project's default
   * @param localFiles local copies of repository files by path, as on the target branch
   */
  public DryRunGateway(String webUrl, String defaultBranch, Map<String, String> localFiles) {
    this.webUrl = webUrl == null ? "https://gitlab.example.com" : webUrl.replaceAll("/+$", "");
    this.defaultBranch = defaultBranch;
    this.localFiles = Map.copyOf(localFiles);
  }

  /** The requests, in the order they would be sent. */
  public List<PlannedRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public ProjectInfo project(String project) {
    read("GET", "/projects/" + id(project), Map.of());
    return new ProjectInfo(0, project, defaultBranch, webUrl + "/" + project);
  }

  @Override
  public Optional<RepositoryFile> file(String project, String path, String ref) {
    read("GET", "/projects/" + id(project) + "/repository/files/" + id(path), Map.of("ref", ref));
    String content = localFiles.get(path);
    return content == null
        ? Optional.empty()
        : Optional.of(new RepositoryFile(path, ref, content, null));
  }

  @Override
  public boolean branchExists(String project, String branch) {
    read("GET", "/projects/" + id(project) + "/repository/branches/" + id(branch), Map.of());
    return false;
  }

  @Override
  public CommitInfo commit(String project, CommitRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("branch", request.branch());
    body.put("start_branch", request.startBranch());
    if (request.force()) {
      body.put("force", true);
    }
    body.put("commit_message", request.message());
    List<Map<String, Object>> actions = new ArrayList<>();
    for (FileAction action : request.actions()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("action", action.create() ? "create" : "update");
      a.put("file_path", action.path());
      a.put("content", action.content());
      a.put("encoding", "text");
      if (action.lastCommitId() != null) {
        a.put("last_commit_id", action.lastCommitId());
      }
      actions.add(a);
    }
    body.put("actions", actions);
    write("POST", "/projects/" + id(project) + "/repository/commits", body);
    return new CommitInfo("(dry run)", null);
  }

  @Override
  public List<MergeRequestInfo> openMergeRequests(
      String project, String sourceBranch, String targetBranch) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("state", "opened");
    query.put("source_branch", sourceBranch);
    query.put("target_branch", targetBranch);
    read("GET", "/projects/" + id(project) + "/merge_requests", query);
    return List.of();
  }

  @Override
  public MergeRequestInfo createMergeRequest(String project, MergeRequestDraft draft) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source_branch", draft.sourceBranch());
    body.put("target_branch", draft.targetBranch());
    body.put("title", draft.title());
    body.put("description", draft.description());
    if (!draft.labels().isEmpty()) {
      body.put("labels", String.join(",", draft.labels()));
    }
    if (!draft.assigneeIds().isEmpty()) {
      body.put("assignee_ids", users(draft.assigneeIds()));
    }
    if (!draft.reviewerIds().isEmpty()) {
      body.put("reviewer_ids", users(draft.reviewerIds()));
    }
    if (draft.removeSourceBranch()) {
      body.put("remove_source_branch", true);
    }
    write("POST", "/projects/" + id(project) + "/merge_requests", body);
    return new MergeRequestInfo(
        0,
        draft.title(),
        draft.description(),
        draft.sourceBranch(),
        draft.targetBranch(),
        "opened",
        "(dry run: no merge request was opened)",
        draft.labels(),
        draft.assigneeIds(),
        draft.reviewerIds(),
        false,
        null);
  }

  @Override
  public MergeRequestInfo updateMergeRequest(String project, long iid, MergeRequestDraft draft) {
    throw new UnsupportedOperationException("a dry run never finds a merge request to update");
  }

  @Override
  public MergeRequestInfo mergeRequest(String project, long iid) {
    throw new UnsupportedOperationException("a dry run has no merge requests");
  }

  @Override
  public MergeRequestInfo mergeWhenPipelineSucceeds(String project, long iid, String sha) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("merge_when_pipeline_succeeds", true);
    write("PUT", "/projects/" + id(project) + "/merge_requests/(new)/merge", body);
    return null;
  }

  @Override
  public List<NoteInfo> notes(String project, long iid) {
    read("GET", "/projects/" + id(project) + "/merge_requests/" + iid + "/notes", Map.of());
    return List.of();
  }

  @Override
  public NoteInfo createNote(String project, long iid, String body) {
    write(
        "POST",
        "/projects/" + id(project) + "/merge_requests/" + iid + "/notes",
        Map.of("body", body));
    return new NoteInfo(0, body, null, false);
  }

  @Override
  public NoteInfo updateNote(String project, long iid, long noteId, String body) {
    throw new UnsupportedOperationException("a dry run never finds a comment to update");
  }

  @Override
  public long userId(String username) {
    read("GET", "/users", Map.of("username", username));
    long id = -1 - userNames.size();
    userNames.put(id, username);
    return id;
  }

  private List<String> users(List<Long> ids) {
    List<String> names = new ArrayList<>();
    for (long id : ids) {
      names.add(
          userNames.containsKey(id) ? "<id of " + userNames.get(id) + ">" : String.valueOf(id));
    }
    return names;
  }

  private void read(String method, String path, Map<String, Object> query) {
    requests.add(new PlannedRequest(method, path, query, true));
  }

  private void write(String method, String path, Map<String, Object> body) {
    requests.add(new PlannedRequest(method, path, body, false));
  }

  private static String id(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
