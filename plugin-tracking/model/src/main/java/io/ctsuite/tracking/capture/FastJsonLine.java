package io.ctsuite.tracking.capture;

import io.ctsuite.tracking.run.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the one line shape that makes up nearly every metrics file, {@code
 * {"key":"loss","value":0.31,"step":120,"ts":1716735746.5}} (members in any order, step and time
 * optional), without a general JSON parser. It accepts only strict JSON it fully understands (no
 * escapes in the key, plain numbers, no other members) and says no to everything else, which then
 * goes to Jackson: the results are the same either way, this is only faster.
 */
final class FastJsonLine {
  private static final byte[] KEY = bytes("key");
  private static final byte[] VALUE = bytes("value");
  private static final byte[] STEP = bytes("step");
  private static final byte[][] TIMES = {
    bytes("ts"), bytes("time"), bytes("timestamp"), bytes("wall_time")
  };

  private final byte[][] cachedBytes = new byte[256][];
  private final String[] cachedKeys = new String[256];

  String key;
  double value;
  boolean hasStep;
  long step;
  boolean hasTime;
  long time;

  private int p;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether the line is of the simple shape; its parts are then in the fields. */
  boolean parse(byte[] b, int off, int len) {
    int end = off + len;
    p = off;
    key = null;
    boolean hasValue = false;
    hasStep = false;
    hasTime = false;
    skip(b, end);
    if (p >= end || b[p] != '{') {
      return false;
    }
    p++;
    while (true) {
      skip(b, end);
      if (p >= end || b[p] != '"') {
        return false;
      }
      int nameStart = ++p;
      int nameEnd = plainStringEnd(b, end);
      if (nameEnd < 0) {
        return false;
      }
      p = nameEnd + 1;
      skip(b, end);
      if (p >= end || b[p] != ':') {
        return false;
      }
      p++;
      skip(b, end);
      if (is(b, nameStart, nameEnd, KEY)) {
        if (key != null || p >= end || b[p] != '"') {
          return false;
        }
        int start = ++p;
        int close = plainStringEnd(b, end);
        if (close < 0 || close == start) {
          return false;
        }
        key = key(b, start, close);
        p = close + 1;
      } else if (is(b, nameStart, nameEnd, VALUE)) {
        if (hasValue || !number(b, end)) {
          return false;
        }
        hasValue = true;
      } else if (is(b, nameStart, nameEnd, STEP)) {
        if (hasStep || !integer(b, end)) {
          return false;
        }
        hasStep = true;
      } else if (isTime(b, nameStart, nameEnd)) {
        double v = this.value;
        if (hasTime || !number(b, end) || !Double.isFinite(this.value)) {
          return false;
        }
        time = Metrics.wallTimeMillis(this.value);
        this.value = v;
        hasTime = true;
      } else {
        return false;
      }
      skip(b, end);
      if (p >= end) {
        return false;
      }
      if (b[p] == ',') {
        p++;
        continue;
      }
      if (b[p] != '}') {
        return false;
      }
      p++;
      skip(b, end);
      return p == end && key != null && hasValue;
    }
  }

  private static boolean isTime(byte[] b, int from, int to) {
    for (byte[] name : TIMES) {
      if (is(b, from, to, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean is(byte[] b, int from, int to, byte[] name) {
    return Arrays.equals(b, from, to, name, 0, name.length);
  }

  private void skip(byte[] b, int end) {
    while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
      p++;
    }
  }

  /** The closing quote of a string without escapes or control characters, or -1. */
  private int plainStringEnd(byte[] b, int end) {
    for (int i = p; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\' || (c >= 0 && c < 0x20)) {
        return -1;
      }
    }
    return -1;
  }

  /** A strict JSON number into {@link #value}. */
  private boolean number(byte[] b, int end) {
    int start = p;
    if (p < end && b[p] == '-') {
      p++;
    }
    if (!digits(b, end, true)) {
      return false;
    }
    if (p < end && b[p] == '.') {
      p++;
      if (!digits(b, end, false)) {
        return false;
      }
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      if (!digits(b, end, false)) {
        return false;
      }
    }
    value = Double.parseDouble(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
    return true;
  }

  /** A strict JSON integer of at most 18 digits into {@link #step}. */
  private boolean integer(byte[] b, int end) {
    boolean negative = p < end && b[p] == '-';
    if (negative) {
      p++;
    }
    int start = p;
    if (!digits(b, end, true)
        || p - start > 18
        || (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E'))) {
      return false;
    }
    long v = 0;
    for (int i = start; i < p; i++) {
      v = v * 10 + (b[i] - '0');
    }
    step = negative ? -v : v;
    return true;
  }

  /** Digits; with {@code integerPart}, JSON's rule of no leading zero. */
  private boolean digits(byte[] b, int end, boolean integerPart) {
    int start = p;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    if (p == start) {
      return false;
    }
    return !(integerPart && p - start > 1 && b[start] == '0');
  }

  /** The key for these UTF-8 bytes, decoded once per distinct key. */
  private String key(byte[] b, int from, int to) {
    int h = to - from;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 16)) & 255;
    byte[] cached = cachedBytes[slot];
    if (cached != null && Arrays.equals(cached, 0, cached.length, b, from, to)) {
      return cachedKeys[slot];
    }
    String k = new String(b, from, to - from, StandardCharsets.UTF_8);
    cachedBytes[slot] = Arrays.copyOfRange(b, from, to);
    cachedKeys[slot] = k;
    return k;
  }
}
