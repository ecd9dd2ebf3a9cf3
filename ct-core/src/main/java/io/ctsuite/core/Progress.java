package io.ctsuite.core;

/**
 * Receives progress of long work (hashing a dataset, ingesting event files). Implementations render
 * it: a progress bar on a terminal, plain lines in a Jenkins console.
 */
@FunctionalInterface
public interface Progress {
  /** Discards progress. */
  Progress NONE = (task, done, total, bytesDone, bytesTotal) -> {};

  /**
   * Reports that {@code done} of {@code total} items ({@code total < 0} when unknown) and {@code
   * bytesDone} of {@code bytesTotal} bytes are finished.
   */
  void update(String task, long done, long total, long bytesDone, long bytesTotal);
}
