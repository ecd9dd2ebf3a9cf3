package io.ctsuite.tracking.capture;

/**
 * Adds the time a console line was seen to the metric messages in it that carry no {@code ts}, so
 * that the line can be copied to a log file and read later with the right wall time. Everything
 * else of the line, malformed messages included, is kept as it was: whoever reads the copy reports
 * problems exactly as if it read the console.
 */
public final class ServiceMessageStamp {
  private ServiceMessageStamp() {}

  /** Whether the line holds the start of a service message (one {@code indexOf}). */
  public static boolean mayHoldMessage(CharSequence line) {
    return ServiceMessage.indexOfPrefix(line, 0) >= 0;
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
