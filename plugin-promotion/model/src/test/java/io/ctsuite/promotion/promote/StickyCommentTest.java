package io.ctsuite.promotion.promote;

import static io.ctsuite.promotion.gitlab.GitLabFixtures.note;
import static io.ctsuite.promotion.gitlab.GitLabFixtures.notes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.promotion.gitlab.GitLabException;
import io.ctsuite.promotion.gitlab.GitLabFixtures;
import io.ctsuite.promotion.gitlab.GitLabServer;
import org.junit.Rule;
import org.junit.Test;

public class StickyCommentTest {
  private static final String PROJECT = "diaspora/diaspora-project-site";
  private static final String NOTES =
      "/api/v4/projects/diaspora%2Fdiaspora%2Dproject%2Dsite/merge_requests/2/notes";
  private static final String LIST = NOTES + "?page=1&per_page=96";
  private static final String MARKER = "<!-- ct-gate-report:phase-recognition -->";

  @Rule public final GitLabServer gitlab = new GitLabServer();

  @Test
  public void shouldPostTheReportWhenNoneIsThereYet() {
    gitlab
        .answer(
            200,
            notes(
                note(301, "Comment for MR", false),
                note(302, MARKER + "\nold, but a system note", true)))
        .answer(201, note(310, MARKER + "\nreport", false));
    StickyComment.Result result =
        new StickyComment(gitlab.gateway())
            .post(PROJECT, 2, "phase-recognition", "## Gate PASS\n", null);
    assertThat(result.status()).isEqualTo(StickyComment.Result.Status.CREATED);
    assertThat(result.noteId()).isEqualTo(310);
    gitlab.take("GET", LIST).isEmpty();
    assertThat(gitlab.take("POST", NOTES).form())
        .containsEntry("body", MARKER + "\n## Gate PASS\n")
        .hasSize(1);
  }

  @Test
  public void shouldEditItsOwnCommentOnReruns() {
    gitlab
        .answer(
            200,
            notes(
                note(301, "Comment for MR", false), note(305, MARKER + "\n## Gate FAIL\n", false)))
        .answer(200, note(305, MARKER + "\n## Gate PASS\n", false));
    StickyComment.Result result =
        new StickyComment(gitlab.gateway())
            .post(PROJECT, 2, "phase-recognition", "## Gate PASS\n", null);
    assertThat(result.status()).isEqualTo(StickyComment.Result.Status.UPDATED);
    gitlab.take("GET", LIST);
    assertThat(gitlab.take("PUT", NOTES + "/305").form())
        .containsEntry("body", MARKER + "\n## Gate PASS\n");
    assertThat(gitlab.requestCount()).isEqualTo(2);
  }

  @Test
  public void shouldLeaveAnUnchangedCommentAlone() {
    // GitLab keeps the body without its final line break
    gitlab.answer(200, notes(note(305, MARKER + "\n## Gate PASS", false)));
    StickyComment.Result result =
        new StickyComment(gitlab.gateway())
            .post(PROJECT, 2, "phase-recognition", "## Gate PASS\n", null);
    assertThat(result.status()).isEqualTo(StickyComment.Result.Status.UNCHANGED);
    assertThat(gitlab.requestCount()).isEqualTo(1);
  }

  @Test
  public void shouldCutAnOversizedReportAndLinkTheWholeOne() {
    String line = "| row | 0.5 | 0.4 | +0.1 | [0.05, 0.15] | floor 0.3 | PASS | fine |\n";
    String body = line.repeat(1_200_000 / line.length() + 1);
    gitlab.answer(200, "[]").answer(201, note(311, "cut", false));
    StickyComment.Result result =
        new StickyComment(gitlab.gateway())
            .post(
                PROJECT, 2, "phase-recognition", body, "https://ci.example.com/job/phase/13/gate");
    assertThat(result.truncated()).isTrue();
    gitlab.take("GET", LIST);
    String sent = gitlab.take("POST", NOTES).form().get("body");
    assertThat(sent.length()).isLessThanOrEqualTo(NoteText.GITLAB_LIMIT);
    assertThat(sent).startsWith(MARKER + "\n| row |");
    assertThat(sent)
        .endsWith(
            "\n\n---\n*The report was cut to fit GitLab's limit of 1,000,000 characters."
                + " [Read the full report](https://ci.example.com/job/phase/13/gate).*\n");
    // cut at a line break: the table rows before the note are whole
    String kept = sent.substring(0, sent.indexOf("\n\n---\n"));
    assertThat(kept).endsWith("| fine |");
  }

  @Test
  public void shouldReadAgainAfterAConflict() {
    gitlab
        .answer(200, notes(note(305, MARKER + "\nold", false)))
        .answer(409, "{\"message\":\"409 Conflict\"}")
        .answer(200, notes(note(305, MARKER + "\nolder", false)))
        .answer(200, note(305, MARKER + "\nnew", false));
    StickyComment.Result result =
        new StickyComment(gitlab.gateway()).post(PROJECT, 2, "phase-recognition", "new", null);
    assertThat(result.status()).isEqualTo(StickyComment.Result.Status.UPDATED);
    gitlab.take("GET", LIST);
    gitlab.take("PUT", NOTES + "/305");
    gitlab.take("GET", LIST);
    assertThat(gitlab.take("PUT", NOTES + "/305").form()).containsEntry("body", MARKER + "\nnew");
  }

  @Test
  public void shouldNameAMissingMergeRequest() {
    gitlab.answer(GitLabFixtures.notFound("Merge Request"));
    assertThatThrownBy(
            () ->
                new StickyComment(gitlab.gateway())
                    .post(PROJECT, 2, "phase-recognition", "x", null))
        .isInstanceOf(GitLabException.class)
        .hasMessage(
            "not found (404) while reading the comments of merge request !2 of"
                + " diaspora/diaspora-project-site; check the name, and that the token's user can"
                + " see the project");
  }

  @Test
  public void shouldKeepMarkersWellFormed() {
    assertThat(StickyComment.marker("a--b")).isEqualTo("<!-- ct-gate-report:a- -b -->");
  }
}
