package io.ctsuite.cli.dataset;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Progress lines to the command's error writer, so that they show where the command's messages do
 * (and tests can read them). Progress text is ASCII, so bytes map to characters one by one once
 * decoded per write.
 */
final class ErrOutputStream extends OutputStream {
  private final PrintWriter writer;

  ErrOutputStream(PrintWriter writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) {
    writer.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    writer.write(new String(b, off, len, StandardCharsets.UTF_8));
  }

  @Override
  public void flush() {
    writer.flush();
  }
}
