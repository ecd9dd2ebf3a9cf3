package io.ctsuite.promotion.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.promotion.Fixtures;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

public class ConnectionCheckTest {
  private static final Duration FIVE = Duration.ofSeconds(5);

  @Rule public final GitLabServer gitlab = new GitLabServer();

  /** GET /user: the recorded merge request's author, as GitLab describes users. */
  private static String user() {
    ObjectNode author =
        (ObjectNode)
            GitLabFixtures.object(
                    Fixtures.GITLAB.resolve(
                        "gitlab4j__gitlab4j-api/gitlab4j-models/src/test/resources/org/gitlab4j/models/merge-request.json"))
                .get("author");
    return author.toString();
  }

  @Test
  public void shouldNameTheTokensUser() {
    gitlab.answer(200, user());

    String who = ConnectionCheck.currentUser(gitlab.url() + "/", GitLabServer.TOKEN, FIVE, FIVE);

    assertThat(who).matches("\\S+ \\(.+\\)");
    gitlab.take("GET", "/api/v4/user").isEmpty();
  }

  @Test
  public void shouldSayTheTokenWasRefusedWithoutShowingIt() {
    gitlab.answer(401, GitLabFixtures.unauthorized());

    assertThatThrownBy(
            () -> ConnectionCheck.currentUser(gitlab.url(), GitLabServer.TOKEN, FIVE, FIVE))
        .isInstanceOf(GitLabException.class)
        .hasMessageContaining("did not accept the token (401 Unauthorized)")
        .hasMessageNotContaining(GitLabServer.TOKEN)
        .satisfies(
            e ->
                assertThat(((GitLabException) e).kind())
                    .isEqualTo(GitLabException.Kind.UNAUTHORIZED));
  }

  @Test
  public void shouldSayWhenNoGitLabApiAnswersThere() {
    gitlab.answer(GitLabFixtures.notFound("Page"));

    assertThatThrownBy(
            () -> ConnectionCheck.currentUser(gitlab.url(), GitLabServer.TOKEN, FIVE, FIVE))
        .hasMessageContaining("no GitLab API at " + gitlab.url());
  }

  @Test
  public void shouldSayWhenTheServerCannotBeReached() throws Exception {
    String url = gitlab.url();
    gitlab.shutdown();

    assertThatThrownBy(() -> ConnectionCheck.currentUser(url, GitLabServer.TOKEN, FIVE, FIVE))
        .isInstanceOf(GitLabException.class)
        .hasMessageContaining("could not reach GitLab at " + url)
        .hasMessageNotContaining(GitLabServer.TOKEN);
  }

  @Test
  public void shouldRefuseAnEmptyToken() {
    assertThatThrownBy(() -> ConnectionCheck.currentUser(gitlab.url(), " ", FIVE, FIVE))
        .hasMessage("the token is empty");
    assertThat(gitlab.requestCount()).isZero();
  }
}
