package io.ctsuite.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.cli.CtCommand;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.gitlab.GitLab4jGatewayFactory;
import io.ctsuite.promotion.gitlab.RetryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class PromoteCommandTest {
  private static final String TOKEN = "glpat-Cli-Secret-9f8e7d";
  private static final String MODELS =
      "# models served in production\nmodels:\n  phase-recognition:\n    uri: s3://m/v12.onnx  # live\n"
          + "    version: \"12\"\n";

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Map<String, String> env = Map.of();

  @Before
  public void injectEnvironment() {
    GitLabOptions.environment = name -> env.get(name);
    GitLabOptions.gateways =
        new GitLab4jGatewayFactory(
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)),
            d -> {},
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @After
  public void restoreEnvironment() {
    GitLabOptions.environment = System::getenv;
    GitLabOptions.gateways = new GitLab4jGatewayFactory();
  }

  private int ct(String... args) {
    CommandLine cli = CtCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path deployFile() throws Exception {
    Path file = temp.getRoot().toPath().resolve("deploy/models.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, MODELS);
    return file;
  }

  @Test
  public void shouldPrintTheRequestsAndModelCardOfADryRunWithoutAToken() throws Exception {
    Path local = deployFile();
    int code =
        ct(
            "promote",
            "--project",
            "ml/deploy",
            "--file",
            "deploy/models.yaml",
            "--local-file",
            local.toString(),
            "--key",
            "models.phase-recognition",
            "--model-uri",
            "s3://m/v13.onnx",
            "--model-version",
            "13",
            "--build-url",
            "https://ci.example.com/job/train/13/",
            "--git-commit",
            "",
            "--dry-run");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("Dry run: nothing is sent to GitLab.")
        .contains("GET /api/v4/projects/ml%2Fdeploy   (answered locally)")
        .contains(
            "POST /api/v4/projects/ml%2Fdeploy/repository/commits\n"
                + "  branch: ct/promote/models.phase-recognition\n"
                + "  start_branch: main\n")
        .contains("          uri: s3://m/v13.onnx  # live\n          version: \"13\"\n")
        .contains("POST /api/v4/projects/ml%2Fdeploy/merge_requests\n")
        .contains("Model card (the merge request's description):")
        .contains("## Model card: phase-recognition `13`")
        .contains("- Training build: https://ci.example.com/job/train/13/");
    assertThat(Files.readString(local)).isEqualTo(MODELS); // the local copy is only read
  }

  @Test
  public void shouldPrintADryRunAsJson() throws Exception {
    Path local = deployFile();
    ct(
        "promote",
        "--project",
        "ml/deploy",
        "--file",
        "deploy/models.yaml",
        "--local-file",
        local.toString(),
        "--key",
        "models.phase-recognition",
        "--model-uri",
        "s3://m/v13.onnx",
        "--model-version",
        "13",
        "--dry-run",
        "--json");
    Map<?, ?> plan = Json.mapper().readValue(out.toString(), Map.class);
    assertThat(plan.get("dryRun")).isEqualTo(true);
    assertThat((List<?>) plan.get("requests")).hasSize(6);
    assertThat(plan.get("modelCard").toString()).contains("## Model card: phase-recognition `13`");
  }

  @Test
  public void shouldAskForTheTokenInTheEnvironment() {
    int code =
        ct(
            "promote",
            "--gitlab-url",
            "http://127.0.0.1:9",
            "--project",
            "ml/deploy",
            "--file",
            "deploy/models.yaml",
            "--key",
            "models.x",
            "--model-uri",
            "s3://x",
            "--model-version",
            "1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "ct promote: set GITLAB_TOKEN to a GitLab access token with the api scope (it is never"
                + " taken from the command line)\n");
  }

  @Test
  public void shouldRefuseAModelThatDidNotPassTheGate() throws Exception {
    Path report = temp.newFile("gate.json").toPath();
    Files.writeString(
        report,
        "{\"verdict\": \"FAIL\", \"summary\": \"1 of 1 required check failed: accuracy.\","
            + " \"seed\": 1, \"candidate\": [], \"baseline\": [], \"notes\": [], \"checks\": []}");
    int code =
        ct(
            "promote",
            "--project",
            "ml/deploy",
            "--file",
            "deploy/models.yaml",
            "--key",
            "models.x",
            "--model-uri",
            "s3://x",
            "--model-version",
            "1",
            "--gate-report",
            report.toString(),
            "--dry-run");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("says FAIL (1 of 1 required check failed: accuracy.); only a model that passed");
  }

  @Test
  public void shouldOpenTheMergeRequestOnGitLab() throws Exception {
    try (FakeGitLab gitlab = new FakeGitLab()) {
      String mr =
          FakeGitLab.fixture("merge-request.json")
              .replace("\"state\":\"merged\"", "\"state\":\"opened\"");
      gitlab
          .answer(200, FakeGitLab.fixture("project.json"))
          .answer(200, fileJson(MODELS))
          .answer(200, "[]")
          .answer(404, "{\"message\":\"404 Branch Not Found\"}")
          .answer(201, FakeGitLab.fixture("commit.json"))
          .answer(201, mr);
      env = Map.of("GITLAB_TOKEN", TOKEN, "GITLAB_URL", gitlab.url());
      int code =
          ct(
              "promote",
              "--project",
              "diaspora/diaspora-project-site",
              "--file",
              "deploy/models.yaml",
              "--key",
              "models.phase-recognition",
              "--model-uri",
              "s3://m/v13.onnx",
              "--model-version",
              "13",
              "--build-url",
              "",
              "--git-commit",
              "");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).isEqualTo("Opened merge request !1: null\n");
      List<FakeGitLab.Received> received = gitlab.received();
      assertThat(received)
          .extracting(r -> r.method() + " " + r.uri().replaceAll("\\?.*", ""))
          .containsExactly(
              "GET /api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite",
              "GET /api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite/repository/files/deploy%2Fmodels%2Eyaml",
              "GET /api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite/merge_requests",
              "GET /api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite/repository/branches/ct%2Fpromote%2Fmodels%2Ephase%2Drecognition",
              "POST /api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite/repository/commits",
              "POST /api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite/merge_requests");
      assertThat(received).allSatisfy(r -> assertThat(r.token()).isEqualTo(TOKEN));
      Map<?, ?> commit = Json.mapper().readValue(received.get(4).body(), Map.class);
      assertThat(commit.get("start_branch")).isEqualTo("master");
      assertThat(commit.toString()).contains("uri: s3://m/v13.onnx  # live");
    }
    assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
  }

  @Test
  public void shouldExplainARefusedTokenWithoutShowingIt() throws Exception {
    try (FakeGitLab gitlab = new FakeGitLab()) {
      gitlab.answer(401, "{\"message\": \"401 Unauthorized\"}");
      env = Map.of("GITLAB_TOKEN", TOKEN);
      int code =
          ct(
              "promote",
              "--gitlab-url",
              gitlab.url(),
              "--project",
              "ml/deploy",
              "--file",
              "deploy/models.yaml",
              "--key",
              "models.x",
              "--model-uri",
              "s3://x",
              "--model-version",
              "1");
      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .startsWith(
              "ct promote: GitLab at "
                  + gitlab.url()
                  + " did not accept the token (401 Unauthorized)")
          .doesNotContain(TOKEN);
    }
  }

  private static String fileJson(String content) {
    return "{\"file_name\": \"models.yaml\", \"file_path\": \"deploy/models.yaml\", \"encoding\":"
        + " \"base64\", \"ref\": \"master\", \"content\": \""
        + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))
        + "\", \"last_commit_id\": \"7b5c3cc8be40ee161ae89a06bba6229da1032a0c\"}";
  }
}
