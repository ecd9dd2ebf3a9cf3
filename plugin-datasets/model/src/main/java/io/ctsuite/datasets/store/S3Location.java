package io.ctsuite.datasets.store;

import io.ctsuite.core.InputException;
import java.io.Serializable;

/** A bucket and a key prefix, parsed from {@code s3://bucket/prefix}. */
public final class S3Location implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String bucket;
  private final String prefix;

  public S3Location(String bucket, String prefix) {
    this.bucket = bucket;
    this.prefix = normalize(prefix);
  }

  public static boolean isS3(String text) {
    return text != null && text.startsWith("s3://");
  }

  /**
   * Parses {@code s3://bucket} or {@code s3://bucket/prefix}; the prefix is treated as a folder.
   *
   * @throws InputException naming what is wrong
   */
  public static S3Location parse(String uri) {
    if (!isS3(uri)) {
      throw new InputException("not an S3 location (s3://bucket/prefix): " + uri);
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new InputException(
          "'" + bucket + "' in " + uri + " is not a valid S3 bucket name (3-63 of a-z 0-9 . -)");
    }
    if (prefix.contains("\0") || prefix.contains("//")) {
      throw new InputException("the prefix of " + uri + " has a NUL byte or an empty segment");
    }
    return new S3Location(bucket, prefix);
  }

  private static String normalize(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
      return "";
    }
    String clean = prefix.startsWith("/") ? prefix.substring(1) : prefix;
    return clean.endsWith("/") ? clean : clean + "/";
  }

  public String bucket() {
    return bucket;
  }

  /** The prefix, empty or ending in '/'. */
  public String prefix() {
    return prefix;
  }

  public String key(String relative) {
    return prefix + relative;
  }

  public S3Location child(String folder) {
    return new S3Location(bucket, prefix + folder);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
