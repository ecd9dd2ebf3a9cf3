package io.ctsuite.datasets.snapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file found by a scan: its path relative to the root, where to read it, and the stat the hash
 * must correspond to. The hash is filled in from the stat cache or by hashing.
 */
public final class FoundFile {
  private final String path;
  private final byte[] pathBytes;
  private final Path file;
  private long size;
  private long mtimeNanos;
  private long identity;
  private byte[] hash;
  private String etag;

  public FoundFile(String path, Path file, long size, long mtimeNanos, long identity) {
    this.path = path;
    this.pathBytes = path.getBytes(StandardCharsets.UTF_8);
    this.file = file;
    this.size = size;
    this.mtimeNanos = mtimeNanos;
    this.identity = identity;
  }

  public String path() {
    return path;
  }

  public byte[] pathBytes() {
    return pathBytes;
  }

  /** The file to read, or null for an S3 object. */
  public Path file() {
    return file;
  }

  public long size() {
    return size;
  }

  public long mtimeNanos() {
    return mtimeNanos;
  }

  public long mtimeMillis() {
    return Math.floorDiv(mtimeNanos, 1_000_000L);
  }

  public long identity() {
    return identity;
  }

  public byte[] hash() {
    return hash;
  }

  void hash(byte[] value) {
    hash = value;
  }

  /** The S3 ETag, or null for a local file. */
  public String etag() {
    return etag;
  }

  void etag(String value) {
    etag = value;
  }

  /** The file changed while it was read: remember the stat the next attempt must match. */
  void restat(long newSize, long newMtimeNanos, long newIdentity) {
    size = newSize;
    mtimeNanos = newMtimeNanos;
    identity = newIdentity;
  }

  static int compare(FoundFile a, FoundFile b) {
    return java.util.Arrays.compareUnsigned(a.pathBytes, b.pathBytes);
  }
}
