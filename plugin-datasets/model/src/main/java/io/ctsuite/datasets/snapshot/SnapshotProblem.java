package io.ctsuite.datasets.snapshot;

import java.io.Serializable;

/**
 * Something a snapshot could not take as it is.
 *
 * @param kind what happened
 * @param path the path relative to the root
 * @param detail a short explanation
 */
public record SnapshotProblem(Kind kind, String path, String detail) implements Serializable {
  /** The kinds of problem, and whether each stops the snapshot unless told to skip. */
  public enum Kind {
    /** Permission denied or an I/O error: the version would silently lack the file. */
    UNREADABLE(true),
    /** The file kept changing while it was hashed: a copy is still running. */
    CHANGING(true),
    /** The file disappeared between the scan and the hash: left out. */
    VANISHED(false),
    /** A symbolic link that leads back to a directory it is in: not followed again. */
    SYMLINK_LOOP(false),
    /** A symbolic link to nothing. */
    DANGLING_LINK(false),
    /** A symbolic link, not followed (--follow-symlinks follows them). */
    SYMLINK_SKIPPED(false),
    /** A socket, device or pipe: not data. */
    SPECIAL_FILE(false),
    /** A sidecar row for a file that is not in the snapshot. */
    ORPHAN_METADATA(false);

    private final boolean fatal;

    Kind(boolean fatal) {
      this.fatal = fatal;
    }

    /** Whether a snapshot with this problem fails unless problems are skipped. */
    public boolean fatal() {
      return fatal;
    }
  }

  @Override
  public String toString() {
    return path + ": " + detail;
  }
}
