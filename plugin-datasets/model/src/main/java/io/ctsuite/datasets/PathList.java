package io.ctsuite.datasets;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A sorted list of UTF-8 paths in one byte array: the removals of a delta. */
public final class PathList implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final PathList EMPTY = new PathList(new byte[0], new int[1], 0);

  private final byte[] bytes;
  private final int[] start;
  private final int count;

  PathList(byte[] bytes, int[] start, int count) {
    this.bytes = bytes;
    this.start = start;
    this.count = count;
  }

  /** The paths of {@code manifest}'s entries at ascending {@code indices}. */
  public static PathList of(Manifest manifest, int[] indices, int n) {
    int total = 0;
    for (int k = 0; k < n; k++) {
      total += manifest.pathLength(indices[k]);
    }
    byte[] bytes = new byte[total];
    int[] start = new int[n + 1];
    int at = 0;
    for (int k = 0; k < n; k++) {
      start[k] = at;
      manifest.copyPath(indices[k], bytes, at);
      at += manifest.pathLength(indices[k]);
    }
    start[n] = at;
    return new PathList(bytes, start, n);
  }

  public int size() {
    return count;
  }

  public String path(int k) {
    return new String(bytes, start[k], start[k + 1] - start[k], StandardCharsets.UTF_8);
  }

  byte[] bytes(int k) {
    return Arrays.copyOfRange(bytes, start[k], start[k + 1]);
  }

  /** Orders path {@code k} against entry {@code i} of {@code manifest}. */
  int compareTo(int k, Manifest manifest, int i) {
    return -manifest.comparePath(i, bytes, start[k], start[k + 1]);
  }

  int compare(int k, byte[] other) {
    return Arrays.compareUnsigned(bytes, start[k], start[k + 1], other, 0, other.length);
  }
}
