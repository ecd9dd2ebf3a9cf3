package io.ctsuite.gpu.cluster;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Kubernetes timestamps (RFC 3339 strings) as instants; missing or odd ones as null. The API server
 * always writes UTC ("2024-03-31T09:03:25Z", events with microseconds), which is read by hand: a
 * controller reads tens of thousands per round and the general parser costs microseconds each.
 * Other offsets go through the general parser.
 */
final class Timestamps {
  private Timestamps() {}

  static Instant parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Instant fast = parseUtc(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** "yyyy-MM-ddTHH:mm:ss[.fraction]Z", or null for anything else. */
  private static Instant parseUtc(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != 'T' && t.charAt(10) != 't')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || (t.charAt(n - 1) != 'Z' && t.charAt(n - 1) != 'z')) {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (t.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
        return null;
      }
      int fraction = digits(t, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (t.charAt(19) != 'Z' && t.charAt(19) != 'z') {
      return null;
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(
          epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
