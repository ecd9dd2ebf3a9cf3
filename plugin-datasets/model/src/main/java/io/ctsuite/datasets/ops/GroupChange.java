package io.ctsuite.datasets.ops;

import java.io.Serializable;

/**
 * How one source or label changed between two versions.
 *
 * @param filesBefore entries before
 * @param filesAfter entries after
 * @param bytesBefore bytes before
 * @param bytesAfter bytes after
 * @param added entries added
 * @param addedBytes their bytes
 * @param removed entries removed
 * @param removedBytes their bytes
 * @param modified entries whose content changed
 */
public record GroupChange(
    long filesBefore,
    long filesAfter,
    long bytesBefore,
    long bytesAfter,
    long added,
    long addedBytes,
    long removed,
    long removedBytes,
    long modified)
    implements Serializable {

  /** After over before, by files; infinite for a group that is new. */
  public double growth() {
    return filesBefore == 0
        ? (filesAfter == 0 ? 1 : Double.POSITIVE_INFINITY)
        : (double) filesAfter / filesBefore;
  }
}
