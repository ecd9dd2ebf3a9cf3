package io.ctsuite.tracking.run;

import java.io.Serializable;
import java.util.Objects;

/**
 * A file a run produced: its path relative to the run's working directory, and once described, its
 * size and SHA-256.
 */
public final class Artifact implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String role;
  private final long size;
  private final String sha256;

  /**
   * @param role what the file is ({@code checkpoint}, {@code model}, …) or {@code null}
   * @param size bytes, or -1 when not known (the file was not found)
   * @param sha256 hex digest, or {@code null} when not known
   */
  public Artifact(String path, String role, long size, String sha256) {
    this.path = Objects.requireNonNull(path, "path");
    this.role = role;
    this.size = size;
    this.sha256 = sha256;
  }

  public String path() {
    return path;
  }

  public String role() {
    return role;
  }

  public long size() {
    return size;
  }

  public String sha256() {
    return sha256;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Artifact a
        && path.equals(a.path)
        && Objects.equals(role, a.role)
        && size == a.size
        && Objects.equals(sha256, a.sha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, role, size, sha256);
  }

  @Override
  public String toString() {
    return path + (role == null ? "" : " (" + role + ")");
  }
}
