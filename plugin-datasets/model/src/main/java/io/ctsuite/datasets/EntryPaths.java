package io.ctsuite.datasets;

import io.ctsuite.core.InputException;

/**
 * The rules for an entry's path: relative, '/'-separated, no empty, "." or ".." segment, no NUL.
 * They are checked wherever a path enters the model (a scan, an S3 listing, a manifest read) so
 * that materializing a version can never write outside its directory.
 */
public final class EntryPaths {
  private EntryPaths() {}

  /**
   * Returns the problem with {@code path}, or {@code null} when it is a valid entry path.
   *
   * @param path a candidate entry path
   */
  public static String problem(String path) {
    if (path == null || path.isEmpty()) {
      return "the path is empty";
    }
    int n = path.length();
    if (path.charAt(0) == '/'
        || (n >= 3
            && path.charAt(1) == ':'
            && (path.charAt(2) == '/' || path.charAt(2) == '\\')
            && Character.isLetter(path.charAt(0)))) {
      return "the path is absolute";
    }
    if (path.charAt(n - 1) == '/') {
      return "the path ends with '/'";
    }
    int segmentStart = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? path.charAt(i) : '/';
      if (c == '\0') {
        return "the path contains a NUL byte";
      }
      if (c == '/') {
        int length = i - segmentStart;
        if (length == 0) {
          return "the path has an empty segment ('//')";
        }
        if (path.charAt(segmentStart) == '.') {
          if (length == 2 && path.charAt(segmentStart + 1) == '.') {
            return "the path leaves its directory ('..')";
          }
          if (length == 1) {
            return "the path has a '.' segment";
          }
        }
        segmentStart = i + 1;
      }
    }
    return null;
  }

  /**
   * Checks a path and names {@code where} it came from in the error.
   *
   * @throws InputException when the path is not a valid entry path
   */
  public static String check(String path, String where) {
    String problem = problem(path);
    if (problem != null) {
      throw new InputException(where + ": " + problem + ": " + printable(path));
    }
    return path;
  }

  /** The path quoted with control characters escaped, so that an error message stays readable. */
  public static String printable(String path) {
    if (path == null) {
      return "(none)";
    }
    StringBuilder text = new StringBuilder("'");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\0') {
        text.append("\\0");
      } else if (c < 0x20 || c == 0x7f) {
        text.append(String.format("\\x%02x", (int) c));
      } else {
        text.append(c);
      }
    }
    return text.append('\'').toString();
  }
}
