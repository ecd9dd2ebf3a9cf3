package io.ctsuite.tracking.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits bytes into lines ending at {@code \n} (a {@code \r} before it is dropped), handing each
 * complete line to a handler as a slice of a buffer, without copying when the line lies within one
 * chunk. Keeps count of the bytes through the last complete line, so that a reader of a file that
 * is still being written can resume there.
 */
public final class LineSplitter {
  /** Receives one line; the slice is only valid during the call. */
  @FunctionalInterface
  public interface LineHandler {
    void line(byte[] buffer, int offset, int length);
  }

  private final LineHandler handler;
  private byte[] partial = new byte[0];
  private int partialLength;
  private long completeBytes;

  public LineSplitter(LineHandler handler) {
    this.handler = handler;
  }

  /** Feeds bytes; calls the handler for every line they complete. */
  public void write(byte[] b, int off, int len) {
    int end = off + len;
    int start = off;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        if (partialLength > 0) {
          append(b, start, i);
          emit(partial, 0, partialLength);
          partialLength = 0;
        } else {
          emit(b, start, i);
        }
        completeBytes += i + 1 - start;
        start = i + 1;
      }
    }
    if (start < end) {
      append(b, start, end);
    }
  }

  /** Hands over a last line that has no {@code \n}; call at the true end of the input. */
  public void finish() {
    if (partialLength > 0) {
      int n = partialLength;
      partialLength = 0;
      emit(partial, 0, n);
      completeBytes += n;
    }
  }

  /** Bytes consumed through the last complete line (the offset to resume a growing file at). */
  public long completeBytes() {
    return completeBytes;
  }

  /** Bytes of an unfinished last line held back. */
  public int pendingBytes() {
    return partialLength;
  }

  /** Feeds a whole stream and, when {@code finish} is set, its unterminated last line. */
  public void readAll(InputStream in, boolean finish) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) > 0) {
      write(buffer, 0, n);
    }
    if (finish) {
      finish();
    }
  }

  private void emit(byte[] b, int from, int to) {
    if (to > from && b[to - 1] == '\r') {
      to--;
    }
    handler.line(b, from, to - from);
  }

  private void append(byte[] b, int from, int to) {
    int n = to - from;
    if (partialLength + n > partial.length) {
      partial =
          Arrays.copyOf(partial, Math.max(Math.max(256, partial.length * 2), partialLength + n));
    }
    System.arraycopy(b, from, partial, partialLength, n);
    partialLength += n;
  }
}
