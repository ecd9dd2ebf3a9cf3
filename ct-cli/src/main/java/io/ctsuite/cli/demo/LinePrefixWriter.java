package io.ctsuite.cli.demo;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Predicate;

/**
 * Passes text on line by line with a prefix, leaving out the lines a reader does not need (the
 * {@code ##ct[...]} messages meant for the tracker).
 */
final class LinePrefixWriter extends Writer {
  private final PrintWriter out;
  private final String prefix;
  private final Predicate<String> hide;
  private final StringBuilder line = new StringBuilder();

  LinePrefixWriter(PrintWriter out, String prefix, Predicate<String> hide) {
    this.out = out;
    this.prefix = prefix;
    this.hide = hide;
  }

  @Override
  public synchronized void write(char[] buffer, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      if (c == '\n') {
        emit();
      } else if (c != '\r') {
        line.append(c);
      }
    }
  }

  private void emit() {
    String text = line.toString();
    line.setLength(0);
    if (!hide.test(text)) {
      out.println(prefix + text);
      out.flush();
    }
  }

  @Override
  public synchronized void flush() {
    out.flush();
  }

  @Override
  public synchronized void close() {
    if (line.length() > 0) {
      emit();
    }
    flush();
  }
}
