package io.ctsuite.datasets.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a registry keeps its files: keys are '/'-separated names built by the registry, values are
 * bytes. Writes are atomic (a reader sees the old value or the new one); {@code ifAbsent} writes
 * create a key only when nobody else did, which is how concurrent snapshots agree on the next
 * version number.
 */
public interface ObjectStore extends AutoCloseable {
  /** Where the store is, for messages: a directory or {@code s3://bucket/prefix}. */
  String describe();

  /** Whether reads are slow enough to be worth a local cache (S3 yes, a local disk no). */
  boolean isRemote();

  /** The value of {@code key}, or {@code null} when there is none. */
  byte[] get(String key);

  /** A stream of the value of {@code key}, or {@code null} when there is none. */
  InputStream open(String key);

  /**
   * Writes {@code bytes} to {@code key}.
   *
   * @param ifAbsent create only: return {@code false} and change nothing when the key exists
   * @return whether the value was written
   */
  boolean put(String key, byte[] bytes, boolean ifAbsent);

  /** Like {@link #put(String, byte[], boolean)} with the content of a local file. */
  boolean putFile(String key, Path file, boolean ifAbsent);

  boolean exists(String key);

  /** The keys that start with {@code prefix} (a "directory" ending in '/'), sorted. */
  List<String> list(String prefix);

  /** The names of the "sub-directories" right under {@code prefix} (ending in '/'), sorted. */
  List<String> children(String prefix);

  void delete(String key);

  /**
   * Serializes writers of one dataset where the store can: a lock file on disk. Stores without
   * locks return a no-op and rely on {@code ifAbsent} writes alone.
   */
  AutoCloseable lock(String name);

  @Override
  default void close() {}
}
