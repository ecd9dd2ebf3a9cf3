package io.ctsuite.promotion.promote;

/** GitLab's limit on comment and description length, and how we stay under it. */
public final class NoteText {
  /** GitLab refuses notes and descriptions longer than this many characters. */
  public static final int GITLAB_LIMIT = 1_000_000;

  private NoteText() {}

  /**
   * The text, cut at a line break before the limit when too long, with a closing line that says so
   * and links to the full report when there is one.
   */
  public static String fit(String text, String fullReportUrl) {
    return fit(text, fullReportUrl, GITLAB_LIMIT);
  }

  static String fit(String text, String fullReportUrl, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    String tail =
        "\n\n---\n*The report was cut to fit GitLab's limit of "
            + String.format(java.util.Locale.ROOT, "%,d", limit)
            + " characters. "
            + (fullReportUrl == null
                ? "The full report is in the build's artifacts.*"
                : "[Read the full report](" + fullReportUrl + ").*")
            + "\n";
    int room = limit - tail.length();
    int cut = text.lastIndexOf('\n', room);
    if (cut < room / 2) {
      cut = room; // no line break near the end: cut mid-line rather than lose half the text
    }
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + tail;
  }
}
