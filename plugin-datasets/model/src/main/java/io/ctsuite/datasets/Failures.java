package io.ctsuite.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * I/O failures with one sentence that says what was being done and where. The cause carries the
 * same sentence, since error handlers (the ct command's among them) show an UncheckedIOException's
 * cause.
 */
public final class Failures {
  private Failures() {}

  public static UncheckedIOException io(String message, IOException cause) {
    String detail = cause.getMessage();
    String full =
        detail == null || message.contains(detail) ? message : message + " (" + detail + ")";
    IOException carried = new IOException(full, cause);
    return new UncheckedIOException(full, carried);
  }
}
