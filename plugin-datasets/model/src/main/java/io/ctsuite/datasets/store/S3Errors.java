package io.ctsuite.datasets.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK exceptions into one clear sentence: what was being done, where, and why it failed. */
public final class S3Errors {
  private S3Errors() {}

  public static UncheckedIOException describe(String action, String where, SdkException e) {
    String why;
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      why =
          switch (s3.statusCode()) {
            case 403 -> "access denied (" + code + "): check the credentials and the bucket policy";
            case 404 -> "not found (" + code + ")";
            default -> "S3 answered " + s3.statusCode() + (code == null ? "" : " " + code);
          };
    } else if (e instanceof SdkClientException) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      why =
          "S3 is unreachable ("
              + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage())
              + ")";
    } else {
      why = e.getMessage();
    }
    return new UncheckedIOException(
        "Could not " + action + " " + where + ": " + why, new IOException(e));
  }
}
