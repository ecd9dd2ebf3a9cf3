package io.ctsuite.promotion.promote;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.config.ConfigEditor;
import io.ctsuite.promotion.config.KeyPath;
import io.ctsuite.promotion.gitlab.CommitInfo;
import io.ctsuite.promotion.gitlab.CommitRequest;
import io.ctsuite.promotion.gitlab.FileAction;
import io.ctsuite.promotion.gitlab.GitLabException;
import io.ctsuite.promotion.gitlab.MergeRequestDraft;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.gitlab.MergeRequestInfo;
import io.ctsuite.promotion.gitlab.ProjectInfo;
import io.ctsuite.promotion.gitlab.RepositoryFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Promotes a model through a merge request: on one branch per model line, the deployment config is
 * changed at the key path through the Commits API (no clone), and a merge request carrying the
 * model card is opened, or the open one updated. Running the same promotion again sends no change.
 *
 * <p>A conflict (the branch appeared, or the file changed underneath) is answered by reading again
 * and trying once more.
 */
public final class Promoter {
  private final MergeRequestGateway gitlab;

  public Promoter(MergeRequestGateway gitlab) {
    this.gitlab = gitlab;
  }

  public PromotionResult promote(PromotionRequest request) {
    try {
      return attempt(request);
    } catch (GitLabException e) {
      if (e.kind() != GitLabException.Kind.CONFLICT) {
        throw e;
      }
      return attempt(request); // the state moved while we worked: read it again, once
    }
  }

  private PromotionResult attempt(PromotionRequest request) {
    String project = request.project();
    ProjectInfo info = gitlab.project(project);
    String target = request.targetBranch() != null ? request.targetBranch() : info.defaultBranch();
    String branch = request.branch();
    ConfigEditor editor = ConfigEditor.forFile(request.file());
    KeyPath key = KeyPath.parse(request.keyPath());

    RepositoryFile deployed =
        gitlab
            .file(project, request.file(), target)
            .orElseThrow(
                () ->
                    new InputException(
                        request.file()
                            + " does not exist on "
                            + target
                            + " of "
                            + project
                            + "; check the file path and the target branch"));
    String desired = editor.set(deployed.content(), key, request.fields());
    List<MergeRequestInfo> open = gitlab.openMergeRequests(project, branch, target);
    MergeRequestInfo existing = open.isEmpty() ? null : open.get(0);
    if (desired.equals(deployed.content()) && existing == null) {
      return new PromotionResult(
          PromotionResult.Status.ALREADY_DEPLOYED, 0, null, branch, target, null, List.of());
    }

    boolean branchExists = gitlab.branchExists(project, branch);
    Optional<RepositoryFile> onBranch =
        branchExists ? gitlab.file(project, request.file(), branch) : Optional.empty();
    CommitInfo commit = null;
    if (onBranch.isEmpty() || !onBranch.get().content().equals(desired)) {
      // the branch is (re)started from the target, so that the merge request shows exactly this
      // change
      commit =
          gitlab.commit(
              project,
              new CommitRequest(
                  branch,
                  target,
                  branchExists,
                  commitMessage(request),
                  List.of(
                      new FileAction(false, request.file(), desired, deployed.lastCommitId()))));
    }

    String description = ModelCard.render(request);
    String title = "Promote " + request.modelLine() + " to " + request.version();
    List<String> warnings = new ArrayList<>();
    MergeRequestInfo mr;
    PromotionResult.Status status;
    if (existing == null) {
      mr = create(project, request, branch, target, title, description);
      status = PromotionResult.Status.CREATED;
    } else {
      List<String> labels = new ArrayList<>(new LinkedHashSet<>(existing.labels()));
      boolean labelsMissing = !labels.containsAll(request.labels());
      request.labels().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
      boolean changed =
          !Objects.equals(strip(existing.description()), strip(description))
              || !Objects.equals(existing.title(), title)
              || labelsMissing;
      mr = existing;
      if (changed) {
        mr =
            gitlab.updateMergeRequest(
                project,
                existing.iid(),
                new MergeRequestDraft(
                    branch, target, title, description, labels, List.of(), List.of(), false));
      }
      if (commit != null || changed) {
        gitlab.createNote(project, existing.iid(), updateNote(request, commit));
        status = PromotionResult.Status.UPDATED;
      } else {
        status = PromotionResult.Status.UNCHANGED;
      }
    }

    if (request.mergeWhenPipelineSucceeds() && !mr.mergeWhenPipelineSucceeds()) {
      try {
        gitlab.mergeWhenPipelineSucceeds(
            project, mr.iid(), commit != null ? commit.id() : mr.sha());
      } catch (GitLabException e) {
        // GitLab refuses while the pipeline has not started yet; the merge request still stands
        warnings.add("could not set merge when pipeline succeeds: " + e.getMessage());
      }
    }
    return new PromotionResult(
        status,
        mr.iid(),
        mr.webUrl(),
        branch,
        target,
        commit == null ? null : commit.id(),
        warnings);
  }

  private MergeRequestInfo create(
      String project,
      PromotionRequest request,
      String branch,
      String target,
      String title,
      String description) {
    List<Long> assignees = new ArrayList<>();
    for (String user : request.assignees()) {
      assignees.add(userId(user));
    }
    List<Long> reviewers = new ArrayList<>();
    for (String user : request.reviewers()) {
      reviewers.add(userId(user));
    }
    return gitlab.createMergeRequest(
        project,
        new MergeRequestDraft(
            branch, target, title, description, request.labels(), assignees, reviewers, true));
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }

  private long userId(String user) {
    String name = user.startsWith("@") ? user.substring(1) : user;
    if (name.matches("\\d+")) {
      return Long.parseLong(name);
    }
    return gitlab.userId(name);
  }

  static String commitMessage(PromotionRequest request) {
    StringBuilder message =
        new StringBuilder("Promote ")
            .append(request.keyPath())
            .append(" to ")
            .append(request.version())
            .append("\n\nURI: ")
            .append(request.uri());
    if (request.sha256() != null) {
      message.append("\nSHA-256: ").append(request.sha256());
    }
    Lineage lineage = request.lineage();
    if (lineage.buildUrl() != null) {
      message.append("\nTraining build: ").append(lineage.buildUrl());
    }
    if (lineage.datasetVersion() != null) {
      message.append("\nDataset version: ").append(lineage.datasetVersion());
    }
    if (lineage.gitCommit() != null) {
      message.append("\nCode commit: ").append(lineage.gitCommit());
    }
    if (request.gate() != null) {
      message.append("\nGate: ").append(request.gate().verdict());
    }
    return message.append('\n').toString();
  }

  private static String updateNote(PromotionRequest request, CommitInfo commit) {
    return "Updated to version `"
        + request.version()
        + "`"
        + (commit == null ? "" : " in commit " + commit.id())
        + "; the description holds the new model card.";
  }
}
