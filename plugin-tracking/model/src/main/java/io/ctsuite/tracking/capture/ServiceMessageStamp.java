package io.ctsuite.tracking.capture;

/**
 * Adds the time a console line was seen to the metric messages in it that carry no {@code ts}, so
 * that the line can be copied to a log file and read later with the right wall time. Everything
 * else of the line, malformed messages included, is kept as it was: whoever reads the copy reports
 * problems exactly as if it read the console.
 */
public final class ServiceMessageStamp {
  private static final String NOTE_START = "\u001B[8mha:";
  private static final String NOTE_END = "\u001B[0m";

  private ServiceMessageStamp() {}

  /** Whether the line holds the start of a service message (one {@code indexOf}). */
  public static boolean mayHoldMessage(CharSequence line) {
    return ServiceMessage.indexOfPrefix(line, 0) >= 0;
  }

  /**
   * Whether the line is a shell's trace of a command ({@code set -x}, on by default in Jenkins'
   * {@code sh}): {@code + echo '##ct[…]'} repeats a message that the command itself then prints, so
   * reading both would count every point twice. Console notes in front (Jenkins' hidden {@code
   * ESC[8mha:…ESC[0m} markup) are skipped.
   */
  public static boolean isShellTrace(CharSequence line) {
    String text = line.toString();
    int i = 0;
    while (text.startsWith(NOTE_START, i)) {
      int end = text.indexOf(NOTE_END, i);
      if (end < 0) {
        return false;
      }
      i = end + NOTE_END.length();
    }
    int plus = i;
    while (i < text.length() && text.charAt(i) == '+') {
      i++;
    }
    return i > plus && i < text.length() && text.charAt(i) == ' ';
  }

  /**
   * The line with {@code ts='<epochMillis>'} added to every well-formed {@code metric} message that
   * has no {@code ts} attribute; other messages and text are unchanged.
   */
  public static String stamp(CharSequence line, long epochMillis) {
    String text = line.toString();
    int at = ServiceMessage.indexOfPrefix(text, 0);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 24);
    int copied = 0;
    while (at >= 0) {
      int next;
      try {
        ServiceMessageSyntax.Parsed parsed = ServiceMessageSyntax.parse(text, at);
        next = parsed.end();
        ServiceMessage message = parsed.message();
        if ("metric".equals(message.name())
            && message.value() == null
            && message.attribute("ts") == null) {
          int close = next - 1; // the closing bracket
          out.append(text, copied, close).append(" ts='").append(epochMillis).append('\'');
          copied = close;
        }
      } catch (ServiceMessageSyntax.Malformed e) {
        next = at + ServiceMessage.PREFIX.length();
      }
      at = ServiceMessage.indexOfPrefix(text, next);
    }
    return out.append(text, copied, text.length()).toString();
  }
}
