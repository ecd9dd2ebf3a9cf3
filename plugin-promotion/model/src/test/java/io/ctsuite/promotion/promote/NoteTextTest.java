package io.ctsuite.promotion.promote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class NoteTextTest {
  @Test
  public void shouldLeaveTextWithinTheLimitAlone() {
    String text = "x".repeat(NoteText.GITLAB_LIMIT);
    assertThat(NoteText.fit(text, null)).isSameAs(text);
  }

  @Test
  public void shouldCutAtALineBreakAndSayWhereTheRestIs() {
    String text = "line one\nline two\nline three\n".repeat(20);
    String cut = NoteText.fit(text, null, 300);
    assertThat(cut.length()).isLessThanOrEqualTo(300);
    assertThat(cut.substring(0, cut.indexOf("\n\n---"))).matches("(?s).*\nline (one|two|three)");
    assertThat(cut).startsWith("line one\n");
    assertThat(cut).contains("The full report is in the build's artifacts.");
  }

  @Test
  public void shouldCutMidLineWhenThereIsNoBreakNearby() {
    String text = "y".repeat(5_000);
    String cut = NoteText.fit(text, "https://ci/report", 1_000);
    assertThat(cut)
        .hasSizeLessThanOrEqualTo(1_000)
        .contains("[Read the full report](https://ci/report)");
    assertThat(cut.indexOf("\n\n---")).isGreaterThan(800);
  }

  @Test
  public void shouldNotSplitASurrogatePair() {
    String text = "\uD83D\uDE00".repeat(1_000);
    String cut = NoteText.fit(text, null, 501);
    String kept = cut.substring(0, cut.indexOf("\n\n---"));
    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
  }
}
