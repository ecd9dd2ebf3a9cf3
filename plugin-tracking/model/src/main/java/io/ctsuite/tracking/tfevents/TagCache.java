package io.ctsuite.tracking.tfevents;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps the UTF-8 bytes of a tag to its metric key without decoding them again: an event file
 * repeats the same few tags millions of times.
 */
final class TagCache {
  private static final int SLOTS = 1024;
  private final byte[][] bytes = new byte[SLOTS][];
  private final String[] keys = new String[SLOTS];
  private final String prefix;

  TagCache(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  String key(byte[] b, int off, int len) {
    int h = len;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] cached = bytes[slot];
    if (cached != null && Arrays.equals(cached, 0, cached.length, b, off, off + len)) {
      return keys[slot];
    }
    String key = prefix + new String(b, off, len, StandardCharsets.UTF_8);
    bytes[slot] = Arrays.copyOfRange(b, off, off + len);
    keys[slot] = key;
    return key;
  }

  /** The tag as written, without the prefix. */
  String tag(String key) {
    return key.substring(prefix.length());
  }
}
