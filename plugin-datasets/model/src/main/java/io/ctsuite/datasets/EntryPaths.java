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
    if (path.indexOf('\0') >= 0) {
      return "the path contains a NUL byte";
    }
    if (path.startsWith("/") || path.matches("^[A-Za-z]:[/\\\\].*")) {
      return "the path is absolute";
    }
    if (path.endsWith("/")) {
      return "the path ends with '/'";
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      if (segment.isEmpty()) {
        return "the path has an empty segment ('//')";
      }
      if (segment.equals("..")) {
        return "the path leaves its directory ('..')";
      }
      if (segment.equals(".")) {
        return "the path has a '.' segment";
      }
      start = end + 1;
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
