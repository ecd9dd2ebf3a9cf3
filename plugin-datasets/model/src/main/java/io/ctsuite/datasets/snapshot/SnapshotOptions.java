package io.ctsuite.datasets.snapshot;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How to take a snapshot. Serializable so that a Jenkins controller can ask an agent to take it.
 * Defaults: every core hashes, symbolic links are not followed, problems stop the snapshot, a file
 * that changes while hashed is tried three times.
 */
public final class SnapshotOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> excludes = new ArrayList<>();
  private final List<String> pathPatterns = new ArrayList<>();
  private String sidecar;
  private boolean followSymlinks;
  private boolean hashS3;
  private boolean skipProblems;
  private int threads;
  private int attempts = 3;
  private long racyWindowMillis = 2000;

  public SnapshotOptions exclude(String glob) {
    excludes.add(glob);
    return this;
  }

  public SnapshotOptions excludes(List<String> globs) {
    excludes.addAll(globs);
    return this;
  }

  /** Metadata from paths, e.g. {@code {source}/{label}/*}; the first that matches counts. */
  public SnapshotOptions pathPattern(String pattern) {
    pathPatterns.add(pattern);
    return this;
  }

  /** A sidecar table (CSV, TSV, JSON lines) relative to the root, or an absolute path. */
  public SnapshotOptions sidecar(String file) {
    sidecar = file;
    return this;
  }

  public SnapshotOptions followSymlinks(boolean value) {
    followSymlinks = value;
    return this;
  }

  /** Download and hash S3 objects (else their ETag and size identify them). */
  public SnapshotOptions hashS3(boolean value) {
    hashS3 = value;
    return this;
  }

  /** Record a version without unreadable or changing files instead of stopping. */
  public SnapshotOptions skipProblems(boolean value) {
    skipProblems = value;
    return this;
  }

  /** Hashing threads; 0 for one per core. */
  public SnapshotOptions threads(int value) {
    threads = value;
    return this;
  }

  /** How many times a file that changes while hashed is read before it counts as changing. */
  public SnapshotOptions attempts(int value) {
    attempts = Math.max(1, value);
    return this;
  }

  public SnapshotOptions racyWindowMillis(long value) {
    racyWindowMillis = value;
    return this;
  }

  public List<String> excludes() {
    return List.copyOf(excludes);
  }

  public List<String> pathPatterns() {
    return List.copyOf(pathPatterns);
  }

  public String sidecar() {
    return sidecar;
  }

  public boolean followSymlinks() {
    return followSymlinks;
  }

  public boolean hashS3() {
    return hashS3;
  }

  public boolean skipProblems() {
    return skipProblems;
  }

  public int threads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  public int attempts() {
    return attempts;
  }

  public long racyWindowMillis() {
    return racyWindowMillis;
  }
}
