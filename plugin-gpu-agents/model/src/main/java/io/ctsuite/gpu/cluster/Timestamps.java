package io.ctsuite.gpu.cluster;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Kubernetes timestamps (RFC 3339 strings) as instants; missing or odd ones as null. */
final class Timestamps {
  private Timestamps() {}

  static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
