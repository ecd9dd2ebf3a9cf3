package io.ctsuite.tracking.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An output stream that passes every byte through unchanged and reads the {@code ##ct[...]} service
 * messages in it: wrap a process's stdout or a build console with it.
 *
 * <p>Works on bytes: only lines that contain the prefix are decoded (as UTF-8) and parsed, so the
 * cost on ordinary log output is one pass over the bytes. Lines end at {@code \n}; a {@code \r}
 * also ends a message (progress bars redraw with {@code \r}) but does not count as a new line for
 * the line numbers in problem reports. A line longer than 1 MiB is not buffered further.
 */
public final class ServiceMessageOutputStream extends OutputStream {
  static final int MAX_LINE = 1 << 20;
  private static final byte[] PREFIX = ServiceMessage.PREFIX.getBytes(StandardCharsets.US_ASCII);

  private final OutputStream passThrough;
  private final ServiceMessageParser parser;
  private byte[] partial = new byte[256];
  private int partialLength;
  private boolean overflowed;
  private boolean partialHash;
  private long line = 1;
  private boolean closed;

  /**
   * @param passThrough where the bytes go on to, or {@code null} to only read the messages
   * @param parser receives the lines that contain messages
   */
  public ServiceMessageOutputStream(OutputStream passThrough, ServiceMessageParser parser) {
    this.passThrough = passThrough;
    this.parser = parser;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (passThrough != null) {
      passThrough.write(b, off, len);
    }
    scan(b, off, len);
  }

  /** Reads the messages in {@code len} bytes from {@code off} without passing them on. */
  public void scan(byte[] b, int off, int len) {
    int end = off + len;
    int segmentStart = off;
    boolean hash = false;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      // one pass: only line ends and '#' matter, and both are below '$' (UTF-8 bytes are negative)
      if (c <= '#' && c >= 0) {
        if (c == '#') {
          hash = true;
        } else if (c == '\n' || c == '\r') {
          endSegment(b, segmentStart, i, hash);
          if (c == '\n') {
            line++;
          }
          segmentStart = i + 1;
          hash = false;
        }
      }
    }
    if (segmentStart < end) {
      keep(b, segmentStart, end);
      partialHash |= hash;
    }
  }

  /** The number of the line being read (1-based). */
  public long line() {
    return line;
  }

  private void endSegment(byte[] b, int from, int to, boolean hash) {
    if (partialLength > 0 || overflowed) {
      keep(b, from, to);
      if (!overflowed) {
        if (hash || partialHash) {
          parse(partial, 0, partialLength);
        }
      } else {
        parser.scan(line, "");
        parser.problemAtLine("line longer than 1 MiB: service messages in it were not read");
      }
      partialLength = 0;
      partialHash = false;
      overflowed = false;
      if (partial.length > 4096) {
        partial = new byte[256];
      }
    } else if (hash) {
      parse(b, from, to);
    }
  }

  private void parse(byte[] b, int from, int to) {
    if (indexOf(b, from, to) >= 0) {
      parser.scan(line, new String(b, from, to - from, StandardCharsets.UTF_8));
    }
  }

  private void keep(byte[] b, int from, int to) {
    int n = to - from;
    if (overflowed) {
      return;
    }
    if (partialLength + n > MAX_LINE) {
      overflowed = true;
      return;
    }
    if (partialLength + n > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + n));
    }
    System.arraycopy(b, from, partial, partialLength, n);
    partialLength += n;
  }

  /** Where the prefix starts in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to) {
    int last = to - PREFIX.length;
    for (int i = from; i <= last; i++) {
      if (b[i] == '#' && b[i + 1] == '#' && b[i + 2] == 'c' && b[i + 3] == 't' && b[i + 4] == '[') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void flush() throws IOException {
    if (passThrough != null) {
      passThrough.flush();
    }
  }

  /** Reads a last line that has no line end, then closes the pass-through stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (partialLength > 0 || overflowed) {
      endSegment(partial, 0, 0, partialHash);
    }
    if (passThrough != null) {
      passThrough.close();
    }
  }
}
