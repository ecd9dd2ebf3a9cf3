package io.jenkins.plugins.ct.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class PromoteModelStepTest {
  private static final String PROMOTE =
      "  mr = promoteModel(connection: 'gitlab', project: 'ml/deploy', file:"
          + " 'deploy/models.yaml',\n"
          + "      key: 'models.phase-recognition', modelUri:"
          + " 's3://models/phase-recognition/%1$s/model.onnx',\n"
          + "      version: '%1$s', labels: ['ml-promotion'])\n"
          + "  echo \"status=${mr.status} iid=${mr.mergeRequestIid} url=${mr.mergeRequestUrl}\"\n";

  @Rule public final JenkinsRule r = new JenkinsRule();
  @Rule public final FakeGitLab gitlab = new FakeGitLab();

  @Before
  public void connect() throws IOException {
    SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
    store
        .getCredentials()
        .add(
            new StringCredentialsImpl(
                CredentialsScope.GLOBAL,
                "gitlab-token",
                "GitLab API token",
                Secret.fromString(FakeGitLab.TOKEN)));
    store.save();
    GitLabConnection connection = new GitLabConnection("gitlab", gitlab.url(), "gitlab-token");
    connection.setReadTimeoutSeconds(10);
    CtPromotionConfiguration.get().setConnections(List.of(connection));
  }

  private static String promote(String version) {
    return String.format(PROMOTE, version);
  }

  @Test
  public void shouldRefuseToPromoteWhenTheGateFails() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "blocked",
            "node {\n" + Pipelines.evaluation(false) + Pipelines.gate("") + promote("42") + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.FAILURE);

    r.assertLogContains(
        "promoteModel: not promoting models.phase-recognition: the regression gate said FAIL", run);
    assertThat(gitlab.requests()).as("nothing was sent to GitLab").isEmpty();
    PromotionRecord refused = run.getAction(PromotionAction.class).getPromotions().get(0);
    assertThat(refused.getStatus()).isEqualTo(PromotionRecord.REFUSED);
    assertThat(refused.getGateVerdict()).isEqualTo("FAIL");
    assertThat(refused.isPromoted()).isFalse();
  }

  @Test
  public void shouldRefuseWhenTheBuildRanNoGate() throws Exception {
    WorkflowJob job = Pipelines.job(r, "no-gate", "node {\n" + promote("42") + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.FAILURE);

    r.assertLogContains("no regression gate ran in this build (requireGate: false overrides)", run);
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  public void shouldOpenOneMergeRequestWhenTheGatePasses() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "promote",
            "node {\n"
                + Pipelines.evaluation(true)
                + Pipelines.gate("")
                + "  withEnv(['GIT_COMMIT=5d6e7f8', 'CT_DATASET=phase-videos',"
                + " 'CT_DATASET_VERSION=v7']) {\n"
                + promote("42")
                + "  }\n"
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.SUCCESS);

    String url = gitlab.url() + "/ml/deploy/-/merge_requests/1";
    r.assertLogContains("status=CREATED iid=1 url=" + url, run);
    assertThat(gitlab.mergeRequests()).hasSize(1);
    assertThat(gitlab.mergeRequests().get(0).get("title").asText())
        .isEqualTo("Promote phase-recognition to 42");
    assertThat(gitlab.file("ct/promote/models.phase-recognition"))
        .contains("uri: s3://models/phase-recognition/42/model.onnx  # current")
        .contains("git_commit: 5d6e7f8")
        .contains("dataset_version: phase-videos@v7");
    assertThat(gitlab.file("master")).isEqualTo(FakeGitLab.DEPLOYED);
    PromotionAction action = run.getAction(PromotionAction.class);
    assertThat(action.getMergeRequests())
        .extracting(PromotionRecord::getMergeRequestUrl)
        .containsExactly(url);
    assertThat(action.getPromotions().get(0).getMergeRequestState()).isEqualTo("opened");
  }

  @Test
  public void shouldUpdateTheOpenMergeRequestOnARerun() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "rerun",
            "node {\n" + Pipelines.evaluation(true) + Pipelines.gate("") + promote("42") + "}\n");
    Pipelines.run(r, job, Result.SUCCESS);
    job.setDefinition(
        new CpsFlowDefinition(
            "node {\n" + Pipelines.evaluation(true) + Pipelines.gate("") + promote("43") + "}\n",
            true));

    WorkflowRun second = Pipelines.run(r, job, Result.SUCCESS);

    r.assertLogContains("status=UPDATED iid=1", second);
    assertThat(gitlab.mergeRequests()).as("the second build opened none").hasSize(1);
    assertThat(gitlab.mergeRequests().get(0).get("title").asText())
        .isEqualTo("Promote phase-recognition to 43");
    assertThat(gitlab.file("ct/promote/models.phase-recognition")).contains("version: \"43\"");
    assertThat(gitlab.commitCount()).isEqualTo(2);
    PromotionJobAction history = new PromotionJobAction(job);
    assertThat(history.getHistory())
        .extracting(e -> e.getBuild() + ":" + e.getPromotion().getStatus())
        .containsExactly("2:UPDATED", "1:CREATED");
  }

  @Test
  public void shouldLeaveAnUnchangedPromotionAlone() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "same",
            "node {\n"
                + Pipelines.evaluation(true)
                + Pipelines.gate("")
                + promote("42")
                + promote("42")
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.SUCCESS);

    r.assertLogContains("status=UNCHANGED iid=1", run);
    assertThat(gitlab.commitCount()).isEqualTo(1);
  }

  @Test
  public void shouldKeepTheTokenOutOfTheLogTheBuildRecordAndTheErrors() throws Exception {
    WorkflowJob ok =
        Pipelines.job(
            r,
            "token-ok",
            "node {\n"
                + Pipelines.evaluation(true)
                + Pipelines.gate("")
                + promote("42")
                + "  gitlabComment(connection: 'gitlab', project: 'ml/deploy', mr:"
                + " \"${mr.mergeRequestIid}\", report: true)\n"
                + "}\n");
    WorkflowRun success = Pipelines.run(r, ok, Result.SUCCESS);
    gitlab.failWith(403);
    WorkflowJob refused =
        Pipelines.job(
            r,
            "token-refused",
            "node {\n" + Pipelines.evaluation(true) + Pipelines.gate("") + promote("43") + "}\n");
    WorkflowRun failure = Pipelines.run(r, refused, Result.FAILURE);

    r.assertLogContains("the token may not do this (403 Forbidden)", failure);
    for (WorkflowRun run : List.of(success, failure)) {
      r.assertLogNotContains(FakeGitLab.TOKEN, run);
      assertThat(filesContaining(run.getRootDir(), FakeGitLab.TOKEN)).isEmpty();
    }
    assertThat(
            Files.readString(
                new File(r.jenkins.getRootDir(), CtPromotionConfiguration.class.getName() + ".xml")
                    .toPath()))
        .doesNotContain(FakeGitLab.TOKEN);
  }

  @Test
  public void shouldPromoteWithoutAGateWhenToldTo() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "ungated",
            "node {\n"
                + "  def mr = promoteModel(connection: 'gitlab', project: 'ml/deploy', file:"
                + " 'deploy/models.yaml',\n"
                + "      key: 'models.phase-recognition', modelUri: 's3://m/7.onnx', requireGate:"
                + " false)\n"
                + "  echo \"status=${mr.status} version=${mr.version}\"\n"
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.SUCCESS);

    r.assertLogContains("status=CREATED version=build-1", run);
  }

  @Test
  public void shouldNameTheUnknownConnection() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "unknown",
            "node {\n"
                + "  promoteModel(connection: 'elsewhere', project: 'ml/deploy', file:"
                + " 'deploy/models.yaml',\n"
                + "      key: 'models.phase-recognition', modelUri: 's3://m/7.onnx', requireGate:"
                + " false)\n"
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.FAILURE);

    r.assertLogContains("no GitLab connection named 'elsewhere' (configured: gitlab)", run);
  }

  @Test
  public void shouldPostTheStickyReportOnceAndEditItWhenTheReportChanges() throws Exception {
    String comment =
        "  note = gitlabComment(connection: 'gitlab', project: 'ml/deploy', mr:"
            + " \"!${mr.mergeRequestIid}\", report: true)\n"
            + "  echo \"note=${note.status}\"\n";
    WorkflowJob job =
        Pipelines.job(
            r,
            "comment",
            "node {\n"
                + Pipelines.evaluation(true)
                + Pipelines.gate("")
                + promote("42")
                + comment
                + comment
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.SUCCESS);

    r.assertLogContains("note=CREATED", run);
    r.assertLogContains("note=UNCHANGED", run);
    assertThat(gitlab.notes(1)).hasSize(1);
    assertThat(gitlab.notes(1).get(0).get("body").asText())
        .startsWith("<!-- ct-gate-report:comment -->")
        .contains("Regression gate: **PASS**");
    assertThat(run.getAction(PromotionAction.class).getComments())
        .extracting(CommentRecord::getStatus)
        .containsExactly("CREATED", "UNCHANGED");
  }

  private static List<Path> filesContaining(File dir, String text) throws IOException {
    try (Stream<Path> files = Files.walk(dir.toPath())) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return new String(
                          Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
                      .contains(text);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
