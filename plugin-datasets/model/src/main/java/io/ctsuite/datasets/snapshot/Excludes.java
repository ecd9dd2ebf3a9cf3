package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.InputException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Glob excludes over relative paths: {@code **}{@code /*.tmp}, {@code .git}, {@code raw/**}. A
 * pattern without '/' matches a name anywhere in the tree; a directory that matches is not entered.
 */
final class Excludes {
  private final List<PathMatcher> matchers = new ArrayList<>();

  Excludes(List<String> globs) {
    for (String glob : globs) {
      String pattern = glob.trim();
      if (pattern.isEmpty()) {
        continue;
      }
      if (pattern.endsWith("/")) {
        pattern = pattern.substring(0, pattern.length() - 1);
      }
      try {
        if (!pattern.contains("/")) {
          matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
          matchers.add(FileSystems.getDefault().getPathMatcher("glob:**/" + pattern));
        } else {
          matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        }
      } catch (IllegalArgumentException e) {
        throw new InputException("exclude '" + glob + "' is not a valid glob: " + e.getMessage());
      }
    }
  }

  boolean isEmpty() {
    return matchers.isEmpty();
  }

  boolean excludes(String relativePath) {
    if (matchers.isEmpty()) {
      return false;
    }
    Path path = Path.of(relativePath);
    for (PathMatcher matcher : matchers) {
      if (matcher.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
