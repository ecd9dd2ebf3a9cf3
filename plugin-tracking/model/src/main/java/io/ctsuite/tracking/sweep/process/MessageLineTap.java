package io.ctsuite.tracking.sweep.process;

import io.ctsuite.tracking.capture.ServiceMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Picks the lines that may hold a {@code ##ct[…]} message out of output as it is written, in chunks
 * of any size: each byte is looked at once, when it passes, so a trial's log is never read back. A
 * line is handed over when its {@code \n} arrives (a {@code \r} before it is dropped); a line split
 * across chunks, even inside a UTF-8 character, is put together first. Lines without the message
 * prefix are dropped without being decoded. A line whose output so far stops right after a complete
 * message is handed over at once: a process whose last {@code printf} has no line feed may never
 * write another byte, and a log stream is not always closed. What follows on that line later is
 * handed over on its own, so nothing is handed over twice.
 *
 * <p>Memory stays bounded: a line longer than {@link #MAX_LINE} bytes (a progress bar redrawn with
 * {@code \r} for an hour) keeps only what follows its last {@code \r}, which is what a terminal
 * shows, or, without one, is skipped up to its end. Not thread-safe: one writer at a time.
 */
public final class MessageLineTap {
  /** The longest line kept whole. */
  public static final int MAX_LINE = 64 * 1024;

  private static final byte[] PREFIX = ServiceMessage.PREFIX.getBytes(StandardCharsets.US_ASCII);

  private final Consumer<String> lines;
  private final int maxLine;
  private byte[] line = new byte[256];
  private int length;
  private boolean skipping;
  private long bytes;

  /** Bytes at the start of the current line already handed over as complete messages. */
  private int handedOver;

  /** Hands each line that may hold a message to {@code lines}. */
  public MessageLineTap(Consumer<String> lines) {
    this(lines, MAX_LINE);
  }

  MessageLineTap(Consumer<String> lines, int maxLine) {
    this.lines = lines;
    this.maxLine = maxLine;
  }

  /** Looks at one more chunk of output. */
  public void write(byte[] b, int off, int len) {
    int end = off + len;
    int start = off;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        append(b, start, i);
        endLine();
        start = i + 1;
      }
    }
    append(b, start, end);
    bytes += len;
    handOverCompleteMessages();
  }

  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /** The output has ended: a last line without {@code \n} is handed over too. */
  public void finish() {
    if (length > 0 || skipping) {
      endLine();
    }
  }

  /** Bytes looked at so far: the offset in the output this tap has reached. */
  public long bytes() {
    return bytes;
  }

  private void endLine() {
    int n = length;
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    if (!skipping && n > handedOver && indexOfPrefix(line, handedOver, n) >= 0) {
      lines.accept(new String(line, handedOver, n - handedOver, StandardCharsets.UTF_8));
    }
    length = 0;
    handedOver = 0;
    skipping = false;
  }

  /** Hands over the unfinished line now if it stops right after a complete message. */
  private void handOverCompleteMessages() {
    if (skipping || length == handedOver || line[length - 1] != ']') {
      return;
    }
    if (indexOfPrefix(line, handedOver, length) < 0) {
      return;
    }
    String pending = new String(line, handedOver, length - handedOver, StandardCharsets.UTF_8);
    if (ServiceMessage.endsWithCompleteMessage(pending)) {
      lines.accept(pending);
      handedOver = length;
    }
  }

  private void append(byte[] b, int from, int to) {
    while (from < to) {
      if (skipping) {
        // inside an overlong line: only what follows a carriage return can still be shown
        int cr = lastIndexOf(b, from, to, (byte) '\r');
        if (cr < 0) {
          return;
        }
        skipping = false;
        from = cr + 1;
        continue;
      }
      int room = maxLine - length;
      int n = Math.min(room, to - from);
      if (length + n > line.length) {
        line = Arrays.copyOf(line, Math.min(maxLine, Math.max(line.length * 2, length + n)));
      }
      System.arraycopy(b, from, line, length, n);
      length += n;
      from += n;
      if (length == maxLine) {
        overflow();
      }
    }
  }

  /**
   * The line is full: keep what follows its last {@code \r} when that is at most half the line (so
   * that the next overflow is far), else skip up to the next {@code \r} or the line's end.
   */
  private void overflow() {
    int cr = lastIndexOf(line, 0, length, (byte) '\r');
    int keep = length - cr - 1;
    if (cr >= 0 && keep <= maxLine / 2) {
      System.arraycopy(line, cr + 1, line, 0, keep);
      length = keep;
      handedOver = Math.max(0, handedOver - (cr + 1));
    } else {
      length = 0;
      handedOver = 0;
      skipping = true;
    }
  }

  private static int lastIndexOf(byte[] b, int from, int to, byte wanted) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfPrefix(byte[] b, int from, int n) {
    outer:
    for (int i = from; i + PREFIX.length <= n; i++) {
      for (int j = 0; j < PREFIX.length; j++) {
        if (b[i + j] != PREFIX[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
