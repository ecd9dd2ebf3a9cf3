package io.ctsuite.promotion.promote;

import static io.ctsuite.promotion.gitlab.GitLabFixtures.branch;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.createdCommit;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.file;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.mergeRequest;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.mergeRequestList;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.notFound;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.note;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.project;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.unauthorized;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.promotion.Fixtures;
import io.ctsuite.promotion.config.ConfigEditor;
import io.ctsuite.promotion.config.KeyPath;
import io.ctsuite.promotion.gitlab.GitLabException;
import io.ctsuite.promotion.gitlab.GitLabFixtures;
import io.ctsuite.promotion.gitlab.GitLabServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.Rule;
import org.junit.Test;

public class PromoterTest {
  private static final String PROJECT = "diaspora/diaspora-project-site";
  private static final String API = "/api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite";
  private static final String FILE_PATH = API + "/repository/files/deploy%2Fmodels%2Eyaml";
  private static final String BRANCH = "ct/promote/models.phase-recognition";
  private static final String BRANCH_PATH =
      API + "/repository/branches/ct%2Fpromote%2Fmodels%2Ephase%2Drecognition";
  private static final String MR_QUERY =
      API
          + "/merge_requests?state=opened&source_branch=ct%2Fpromote%2Fmodels.phase-recognition"
          + "&target_branch=master&per_page=96&page=1";
  private static final String SHA =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Rule public final GitLabServer gitlab = new GitLabServer();

  private static String deployed() {
    return Fixtures.resource(KeyPath.class, "models.yaml");
  }

  static PromotionRequest request(String version) {
    return PromotionRequest.builder()
        .project(PROJECT)
        .file("deploy/models.yaml")
        .key("models.phase-recognition")
        .uri("s3://models/phase-recognition/v" + version + "/model.onnx")
        .version(version)
        .sha256(SHA)
        .lineage(
            new Lineage(
                "https://jenkins.example.com/job/phase/" + version + "/", "ds-2024-06", "5d6e7f8"))
        .labels(List.of("ml-promotion", "model::phase-recognition"))
        .assignees(List.of("alice"))
        .reviewers(List.of("@42"))
        .mergeWhenPipelineSucceeds(true)
        .build();
  }

  private static String edited(String version) {
    return ConfigEditor.forFile("deploy/models.yaml")
        .set(deployed(), KeyPath.parse("models.phase-recognition"), request(version).fields());
  }

  @Test
  public void shouldOpenAMergeRequestWithTheConfigChangeAndModelCard() {
    gitlab
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", deployed(), "c0ffee01"))
        .answer(200, "[]")
        .answer(notFound("Branch"))
        .answer(201, createdCommit())
        .answer(200, users(7, "alice"))
        .answer(201, mergeRequest(5, BRANCH, "master", "card"))
        .answer(200, mergeRequest(5, BRANCH, "master", "card"));

    PromotionResult result = new Promoter(gitlab.gateway()).promote(request("13"));

    assertThat(result.status()).isEqualTo(PromotionResult.Status.CREATED);
    assertThat(result.mergeRequestIid()).isEqualTo(5);
    assertThat(result.commitId()).isEqualTo("ed899a2f4b50b4370feeea94676502b42383c746");
    assertThat(result.describe())
        .isEqualTo(
            "Opened merge request !5:"
                + " http://gitlab.example.com/diaspora/diaspora-project-site/-/merge_requests/5");
    gitlab.take("GET", API).isEmpty();
    gitlab.take("GET", FILE_PATH + "?ref=master").isEmpty();
    gitlab.take("GET", MR_QUERY).isEmpty();
    gitlab.take("GET", BRANCH_PATH).isEmpty();
    JsonNode commit = gitlab.take("POST", API + "/repository/commits").json();
    assertThat(commit.get("branch").asText()).isEqualTo(BRANCH);
    assertThat(commit.get("start_branch").asText()).isEqualTo("master");
    assertThat(commit.has("force")).isFalse();
    assertThat(commit.get("commit_message").asText())
        .isEqualTo(
            "Promote models.phase-recognition to 13\n\n"
                + "URI: s3://models/phase-recognition/v13/model.onnx\n"
                + "SHA-256: "
                + SHA
                + "\nTraining build: https://jenkins.example.com/job/phase/13/\n"
                + "Dataset version: ds-2024-06\n"
                + "Code commit: 5d6e7f8\n");
    JsonNode action = commit.get("actions").get(0);
    assertThat(action.get("action").asText()).isEqualTo("update");
    assertThat(action.get("file_path").asText()).isEqualTo("deploy/models.yaml");
    assertThat(action.get("encoding").asText()).isEqualTo("text");
    assertThat(action.get("last_commit_id").asText()).isEqualTo("c0ffee01");
    assertThat(action.get("content").asText()).isEqualTo(edited("13"));
    gitlab.take("GET", "/api/v4/users?username=alice&page=1&per_page=1").isEmpty();
    Map<String, String> mr = gitlab.take("POST", API + "/merge_requests").form();
    assertThat(mr)
        .containsEntry("source_branch", BRANCH)
        .containsEntry("target_branch", "master")
        .containsEntry("title", "Promote phase-recognition to 13")
        .containsEntry("labels", "ml-promotion,model::phase-recognition")
        .containsEntry("assignee_ids[]", "7")
        .containsEntry("reviewer_ids[]", "42")
        .containsEntry("remove_source_branch", "true")
        .containsEntry("description", ModelCard.render(request("13")));
    assertThat(gitlab.take("PUT", API + "/merge_requests/5/merge").form())
        .containsEntry("merge_when_pipeline_succeeds", "true")
        .containsEntry("sha", "ed899a2f4b50b4370feeea94676502b42383c746");
    assertThat(gitlab.requestCount()).isEqualTo(8);
  }

  @Test
  public void shouldSendNoChangeWhenTheSamePromotionRunsAgain() {
    String card = ModelCard.render(request("13"));
    gitlab
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", deployed(), "c0ffee01"))
        .answer(200, mergeRequestList(5, BRANCH, "master", card))
        .answer(200, branch())
        .answer(200, file("deploy/models.yaml", BRANCH, edited("13"), "beef0002"));
    PromotionRequest again =
        PromotionRequest.builder()
            .project(PROJECT)
            .file("deploy/models.yaml")
            .key("models.phase-recognition")
            .uri("s3://models/phase-recognition/v13/model.onnx")
            .version("13")
            .sha256(SHA)
            .lineage(
                new Lineage("https://jenkins.example.com/job/phase/13/", "ds-2024-06", "5d6e7f8"))
            .labels(List.of("ml-promotion"))
            .build();
    // the model card is what the first run wrote, labels and all
    assertThat(ModelCard.render(again)).isEqualTo(card);

    PromotionResult result = new Promoter(gitlab.gateway()).promote(again);

    assertThat(result.status()).isEqualTo(PromotionResult.Status.UNCHANGED);
    assertThat(result.commitId()).isNull();
    gitlab.take("GET", API);
    gitlab.take("GET", FILE_PATH + "?ref=master");
    gitlab.take("GET", MR_QUERY);
    gitlab.take("GET", BRANCH_PATH);
    gitlab.take("GET", FILE_PATH + "?ref=ct%2Fpromote%2Fmodels%2Ephase%2Drecognition");
    assertThat(gitlab.requestCount()).isEqualTo(5); // reads only
  }

  @Test
  public void shouldUpdateTheOpenMergeRequestWithANewVersion() {
    gitlab
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", deployed(), "c0ffee01"))
        .answer(200, mergeRequestList(5, BRANCH, "master", ModelCard.render(request("13"))))
        .answer(200, branch())
        .answer(200, file("deploy/models.yaml", BRANCH, edited("13"), "beef0002"))
        .answer(201, createdCommit())
        .answer(200, mergeRequest(5, BRANCH, "master", "updated"))
        .answer(201, note(302, "Updated", false))
        .answer(200, mergeRequest(5, BRANCH, "master", "updated"));

    PromotionResult result = new Promoter(gitlab.gateway()).promote(request("14"));

    assertThat(result.status()).isEqualTo(PromotionResult.Status.UPDATED);
    gitlab.take("GET", API);
    gitlab.take("GET", FILE_PATH + "?ref=master");
    gitlab.take("GET", MR_QUERY);
    gitlab.take("GET", BRANCH_PATH);
    gitlab.take("GET", FILE_PATH + "?ref=ct%2Fpromote%2Fmodels%2Ephase%2Drecognition");
    JsonNode commit = gitlab.take("POST", API + "/repository/commits").json();
    // the branch restarts from master, so that the merge request shows one change
    assertThat(commit.get("force").asBoolean()).isTrue();
    assertThat(commit.get("start_branch").asText()).isEqualTo("master");
    assertThat(commit.get("actions").get(0).get("content").asText()).isEqualTo(edited("14"));
    Map<String, String> update = gitlab.take("PUT", API + "/merge_requests/5").form();
    assertThat(update)
        .containsEntry("title", "Promote phase-recognition to 14")
        .containsEntry("description", ModelCard.render(request("14")))
        .containsEntry("labels", "ml-promotion,model::phase-recognition")
        .doesNotContainKeys("assignee_ids[]", "reviewer_ids[]", "source_branch");
    assertThat(gitlab.take("POST", API + "/merge_requests/5/notes").form().get("body"))
        .isEqualTo(
            "Updated to version `14` in commit ed899a2f4b50b4370feeea94676502b42383c746; the"
                + " description holds the new model card.");
    gitlab.take("PUT", API + "/merge_requests/5/merge");
    assertThat(gitlab.requestCount()).isEqualTo(9);
  }

  @Test
  public void shouldReadAgainAndRetryOnceWhenTheFileChangedUnderneath() {
    String moved = deployed().replace("replicas: 3", "replicas: 4");
    gitlab
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", deployed(), "c0ffee01"))
        .answer(200, "[]")
        .answer(notFound("Branch"))
        .answer(
            400,
            "{\"message\":\"You are attempting to update a file that has changed since you started"
                + " editing it.\"}")
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", moved, "c0ffee02"))
        .answer(200, "[]")
        .answer(notFound("Branch"))
        .answer(201, createdCommit())
        .answer(200, users(7, "alice"))
        .answer(201, mergeRequest(5, BRANCH, "master", "card"))
        .answer(200, mergeRequest(5, BRANCH, "master", "card"));

    PromotionResult result = new Promoter(gitlab.gateway()).promote(request("13"));

    assertThat(result.status()).isEqualTo(PromotionResult.Status.CREATED);
    for (int i = 0; i < 4; i++) {
      gitlab.take(
          i == 0 ? "GET" : "GET",
          new String[] {API, FILE_PATH + "?ref=master", MR_QUERY, BRANCH_PATH}[i]);
    }
    assertThat(
            gitlab
                .take("POST", API + "/repository/commits")
                .json()
                .get("actions")
                .get(0)
                .get("last_commit_id")
                .asText())
        .isEqualTo("c0ffee01");
    gitlab.take("GET", API);
    gitlab.take("GET", FILE_PATH + "?ref=master");
    gitlab.take("GET", MR_QUERY);
    gitlab.take("GET", BRANCH_PATH);
    JsonNode retried =
        gitlab.take("POST", API + "/repository/commits").json().get("actions").get(0);
    assertThat(retried.get("last_commit_id").asText()).isEqualTo("c0ffee02");
    assertThat(retried.get("content").asText()).contains("replicas: 4").contains("v13/model.onnx");
  }

  @Test
  public void shouldUpdateInsteadWhenAMergeRequestAppearedMeanwhile() {
    gitlab
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", deployed(), "c0ffee01"))
        .answer(200, "[]")
        .answer(notFound("Branch"))
        .answer(201, createdCommit())
        .answer(200, users(7, "alice"))
        .answer(
            409,
            "{\"message\":[\"Another open merge request already exists for this source branch: !5\"]}")
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", deployed(), "c0ffee01"))
        .answer(200, mergeRequestList(5, BRANCH, "master", "an older card"))
        .answer(200, branch())
        .answer(200, file("deploy/models.yaml", BRANCH, edited("13"), "beef0002"))
        .answer(200, mergeRequest(5, BRANCH, "master", "updated"))
        .answer(201, note(303, "Updated", false))
        .answer(200, mergeRequest(5, BRANCH, "master", "updated"));

    PromotionResult result = new Promoter(gitlab.gateway()).promote(request("13"));

    assertThat(result.status()).isEqualTo(PromotionResult.Status.UPDATED);
    assertThat(result.commitId()).isNull(); // the branch already held the change
    for (int i = 0; i < 6; i++) {
      gitlab.take(
          new String[] {"GET", "GET", "GET", "GET", "POST", "GET"}[i],
          new String[] {
                API,
                FILE_PATH + "?ref=master",
                MR_QUERY,
                BRANCH_PATH,
                API + "/repository/commits",
                "/api/v4/users?username=alice&page=1&per_page=1"
              }
              [i]);
    }
    assertThat(gitlab.take("POST", API + "/merge_requests").form())
        .containsEntry("source_branch", BRANCH)
        .containsEntry("description", ModelCard.render(request("13")));
    gitlab.take("GET", API);
    gitlab.take("GET", FILE_PATH + "?ref=master");
    gitlab.take("GET", MR_QUERY);
    gitlab.take("GET", BRANCH_PATH);
    gitlab.take("GET", FILE_PATH + "?ref=ct%2Fpromote%2Fmodels%2Ephase%2Drecognition");
    assertThat(gitlab.take("PUT", API + "/merge_requests/5").form())
        .containsEntry("description", ModelCard.render(request("13")));
    assertThat(gitlab.take("POST", API + "/merge_requests/5/notes").form().get("body"))
        .startsWith("Updated to version `13`;");
    gitlab.take("PUT", API + "/merge_requests/5/merge");
  }

  @Test
  public void shouldSayWhenTheTargetBranchAlreadyDeploysTheModel() {
    gitlab
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", edited("13"), "c0ffee01"))
        .answer(200, "[]");
    PromotionResult result = new Promoter(gitlab.gateway()).promote(request("13"));
    assertThat(result.status()).isEqualTo(PromotionResult.Status.ALREADY_DEPLOYED);
    assertThat(result.describe()).isEqualTo("master already deploys this version; nothing to do.");
    assertThat(gitlab.requestCount()).isEqualTo(3);
  }

  @Test
  public void shouldKeepTheMergeRequestWhenAutoMergeIsRefused() {
    gitlab
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", deployed(), "c0ffee01"))
        .answer(200, "[]")
        .answer(notFound("Branch"))
        .answer(201, createdCommit())
        .answer(200, users(7, "alice"))
        .answer(201, mergeRequest(5, BRANCH, "master", "card"))
        .answer(405, "{\"message\":\"405 Method Not Allowed\"}");
    PromotionResult result = new Promoter(gitlab.gateway()).promote(request("13"));
    assertThat(result.status()).isEqualTo(PromotionResult.Status.CREATED);
    assertThat(result.warnings())
        .containsExactly(
            "could not set merge when pipeline succeeds: GitLab refused setting merge request !5 of"
                + " diaspora/diaspora-project-site to merge when the pipeline succeeds (405): 405"
                + " Method Not Allowed");
  }

  @Test
  public void shouldRefuseAMissingDeploymentFile() {
    gitlab.answer(200, project()).answer(notFound("File"));
    assertThatThrownBy(() -> new Promoter(gitlab.gateway()).promote(request("13")))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "deploy/models.yaml does not exist on master of diaspora/diaspora-project-site; check"
                + " the file path and the target branch");
  }

  @Test
  public void shouldNameAMissingProject() {
    gitlab.answer(notFound("Project"));
    assertThatThrownBy(() -> new Promoter(gitlab.gateway()).promote(request("13")))
        .isInstanceOf(GitLabException.class)
        .hasMessage(
            "not found (404) while reading project diaspora/diaspora-project-site; check the name,"
                + " and that the token's user can see the project")
        .extracting(e -> ((GitLabException) e).kind())
        .isEqualTo(GitLabException.Kind.NOT_FOUND);
  }

  @Test
  public void shouldExplainARefusedTokenWithoutEverShowingIt() {
    List<String> logged = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record.getMessage() + " " + record.getThrown());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    // everything our code, GitLab4J and its HTTP layer (Jersey) log, at every level; the JDK's own
    // wire debugging (sun.net.www) prints all headers when an admin turns it on, as every HTTP
    // client's wire log does, and is left out
    handler.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    List<Logger> watched = new ArrayList<>();
    for (String name : List.of("io.ctsuite", "org.gitlab4j", "org.glassfish")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.ALL);
      watched.add(logger);
    }
    root.addHandler(handler);
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setErr(new PrintStream(console, true));
    System.setOut(new PrintStream(console, true));
    try {
      gitlab.answer(401, unauthorized());
      assertThatThrownBy(() -> new Promoter(gitlab.gateway()).promote(request("13")))
          .isInstanceOf(GitLabException.class)
          .hasMessage(
              "GitLab at "
                  + gitlab.url()
                  + " did not accept the token (401 Unauthorized) while reading project"
                  + " diaspora/diaspora-project-site; check that the token is valid, not expired,"
                  + " and has the api scope")
          .satisfies(e -> assertThat(e.toString()).doesNotContain(GitLabServer.TOKEN));
      gitlab.answer(403, "{\"message\":\"403 Forbidden\"}");
      assertThatThrownBy(() -> new Promoter(gitlab.gateway()).promote(request("13")))
          .hasMessageContaining("(403 Forbidden)")
          .hasMessageNotContaining(GitLabServer.TOKEN);
    } finally {
      System.setErr(err);
      System.setOut(out);
      root.removeHandler(handler);
      watched.forEach(logger -> logger.setLevel(null));
    }
    assertThat(logged).isNotEmpty(); // Jersey did log: the check below has something to look at
    assertThat(String.join("\n", logged)).doesNotContain(GitLabServer.TOKEN);
    assertThat(console.toString()).doesNotContain(GitLabServer.TOKEN);
    assertThat(gitlab.gateway().toString()).doesNotContain(GitLabServer.TOKEN);
  }

  @Test
  public void shouldWaitAsToldByRetryAfterAndThenSucceed() {
    gitlab
        .answer(
            GitLabFixtures.json(429, "{\"message\":\"Retry later\"}").setHeader("Retry-After", "7"))
        .answer(503, "{\"message\":\"503 Service Unavailable\"}")
        .answer(200, project())
        .answer(200, file("deploy/models.yaml", "master", edited("13"), "c0ffee01"))
        .answer(200, "[]");
    PromotionResult result = new Promoter(gitlab.gateway()).promote(request("13"));
    assertThat(result.status()).isEqualTo(PromotionResult.Status.ALREADY_DEPLOYED);
    // Retry-After wins over the backoff; then exponential backoff from one second
    assertThat(gitlab.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    assertThat(gitlab.requestCount()).isEqualTo(5);
  }

  @Test
  public void shouldGiveUpAfterABoundedNumberOfTries() {
    for (int i = 0; i < 3; i++) {
      gitlab.answer(502, "{\"message\":\"502 Bad Gateway\"}");
    }
    assertThatThrownBy(() -> new Promoter(gitlab.gateway(3)).promote(request("13")))
        .isInstanceOf(GitLabException.class)
        .hasMessage(
            "GitLab answered 502 (server error) 3 times while reading project"
                + " diaspora/diaspora-project-site; try again later");
    assertThat(gitlab.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(gitlab.requestCount()).isEqualTo(3);
  }

  @Test
  public void shouldSayWhenGitLabCannotBeReached() throws Exception {
    var gateway = gitlab.gateway(2);
    gitlab.shutdown();
    assertThatThrownBy(() -> new Promoter(gateway).promote(request("13")))
        .isInstanceOf(GitLabException.class)
        .hasMessageStartingWith(
            "could not reach GitLab at " + gitlab.url() + " while reading project")
        .hasMessageNotContaining(GitLabServer.TOKEN);
    assertThat(gitlab.sleeps()).hasSize(1);
  }
}
