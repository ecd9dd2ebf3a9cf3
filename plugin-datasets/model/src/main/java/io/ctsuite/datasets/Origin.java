package io.ctsuite.datasets;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where the data of some entries lives: a root (a directory or an {@code s3://bucket/prefix}) and
 * the prefix those entries' paths carry in the version (empty for a plain snapshot, {@code
 * "dataset/"} for a mix of several datasets). The file of entry {@code p} is {@code root +
 * p.substring(prefix.length())}.
 */
public final class Origin implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Entries hashed with SHA-256 of their content. */
  public static final String SHA256 = "sha256";

  /**
   * Entries identified by their S3 ETag and size, not hashed: the hash column holds SHA-256 of the
   * ETag and size, which changes exactly when S3 says the object changed.
   */
  public static final String S3_ETAG = "s3-etag";

  private final String root;
  private final String prefix;
  private final String hashKind;

  public Origin(String root, String prefix, String hashKind) {
    this.root = Objects.requireNonNull(root, "root");
    this.prefix = prefix == null ? "" : prefix;
    this.hashKind = hashKind == null ? SHA256 : hashKind;
  }

  public static Origin of(String root, String hashKind) {
    return new Origin(root, "", hashKind);
  }

  public String root() {
    return root;
  }

  public String prefix() {
    return prefix;
  }

  public String hashKind() {
    return hashKind;
  }

  public boolean isS3() {
    return root.startsWith("s3://");
  }

  /** The path of an entry relative to the root. */
  public String relative(String entryPath) {
    return entryPath.startsWith(prefix) ? entryPath.substring(prefix.length()) : entryPath;
  }

  /** The same origin with entries placed under {@code more} + the current prefix. */
  public Origin prefixed(String more) {
    return new Origin(root, more + prefix, hashKind);
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    return o instanceof Origin other
        && root.equals(other.root)
        && prefix.equals(other.prefix)
        && hashKind.equals(other.hashKind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, prefix, hashKind);
  }

  @Override
  public String toString() {
    return prefix.isEmpty() ? root : root + " as " + prefix;
  }
}
