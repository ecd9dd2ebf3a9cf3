package io.ctsuite.tracking.capture;

import java.io.Serializable;

/**
 * A piece of input that a parser skipped, and where it is: a line (1-based) for text sources, a
 * byte offset for binary ones.
 *
 * @param source the file name or stream description given to the parser
 * @param line the 1-based line number, or 0 when not applicable
 * @param offset the byte offset, or -1 when not applicable
 * @param message what is wrong, for a human
 */
public record CaptureProblem(String source, long line, long offset, String message)
    implements Serializable {

  /** A problem at a line of a text source. */
  public static CaptureProblem atLine(String source, long line, String message) {
    return new CaptureProblem(source, line, -1, message);
  }

  /** A problem at a byte offset of a binary source. */
  public static CaptureProblem atOffset(String source, long offset, String message) {
    return new CaptureProblem(source, 0, offset, message);
  }

  /** {@code file:12: message} or {@code file at byte 4096: message}. */
  @Override
  public String toString() {
    if (line > 0) {
      return source + ":" + line + ": " + message;
    }
    if (offset >= 0) {
      return source + " at byte " + offset + ": " + message;
    }
    return source + ": " + message;
  }
}
