package io.ctsuite.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A PrintStream whose lines go to the demo's writer, indented (for progress lines). */
final class ConsoleStream extends OutputStream {
  private final PrintWriter out;
  private final String prefix;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private ConsoleStream(PrintWriter out, String prefix) {
    this.out = out;
    this.prefix = prefix;
  }

  static PrintStream to(PrintWriter out, String prefix) {
    return new PrintStream(new ConsoleStream(out, prefix), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      out.println(prefix + line.toString(StandardCharsets.UTF_8).replace("\r", ""));
      out.flush();
      line.reset();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void close() {
    if (line.size() > 0) {
      write('\n');
    }
  }
}
