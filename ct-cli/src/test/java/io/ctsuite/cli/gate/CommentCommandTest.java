package io.ctsuite.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.cli.CtCommand;
import io.ctsuite.promotion.gitlab.GitLab4jGatewayFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

public class CommentCommandTest {
  private static final String TOKEN = "glpat-Comment-Secret-1a2b";

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

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

  @Test
  public void shouldPostTheGateReportAsAStickyComment() throws Exception {
    Path report = temp.newFile("gate.json").toPath();
    Files.writeString(
        report,
        "{\"verdict\": \"PASS\", \"summary\": \"The required check passed.\", \"seed\": 1,"
            + " \"candidate\": [\"c.csv\"], \"baseline\": [\"b.csv\"], \"notes\": [], \"checks\": []}");
    try (FakeGitLab gitlab = new FakeGitLab()) {
      String note = FakeGitLab.fixture("merge-request-note.json");
      gitlab.answer(200, "[" + note + "]").answer(201, note.replace("\"id\": 301", "\"id\": 310"));
      GitLabOptions.environment = Map.of("GITLAB_TOKEN", TOKEN, "GITLAB_URL", gitlab.url())::get;
      int code =
          ct("comment", "--project", "ml/deploy", "--mr", "!2", "--report", report.toString());
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).isEqualTo("Posted the report on !2 (comment 310).\n");
      FakeGitLab.Received post = gitlab.received().get(1);
      assertThat(post.method() + " " + post.uri())
          .isEqualTo("POST /api/v4/projects/ml%2Fdeploy/merge_requests/2/notes");
      String body =
          URLDecoder.decode(post.body().substring("body=".length()), StandardCharsets.UTF_8);
      assertThat(body)
          .startsWith("<!-- ct-gate-report:gate -->\n### \u2705 Regression gate: **PASS**\n");
    }
    assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
  }

  @Test
  public void shouldRefuseAMergeRequestThatIsNotANumber() {
    GitLabOptions.environment = Map.of("GITLAB_TOKEN", TOKEN)::get;
    int code = ct("comment", "--project", "p", "--mr", "five", "--report", "r.md");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "ct comment: --mr: expected a merge request number such as 5 or !5, not 'five'\n");
  }
}
