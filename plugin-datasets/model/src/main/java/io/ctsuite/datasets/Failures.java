package io.ctsuite.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * I/O failures with one sentence that says what was being done and where, and why when the message
 * does not say it yet.
 */
public final class Failures {
  private Failures() {}

  public static UncheckedIOException io(String message, IOException cause) {
    String detail = cause.getMessage();
    String full =
        detail == null || message.contains(detail) ? message : message + " (" + detail + ")";
    return new UncheckedIOException(full, cause);
  }
}
