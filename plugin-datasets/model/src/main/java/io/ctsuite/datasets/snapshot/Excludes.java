package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.InputException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Glob excludes over relative paths: {@code **}{@code /*.tmp}, {@code .git}, {@code raw/**}. A
 * pattern without '/' matches a name anywhere in the tree; a directory that matches is not entered.
 * Plain names ({@code .git}) are compared as text, since the walk asks for every file.
 */
final class Excludes {
  private final Set<String> names = new HashSet<>();
  private final List<PathMatcher> nameMatchers = new ArrayList<>();
  private final List<PathMatcher> pathMatchers = new ArrayList<>();

  Excludes(List<String> globs) {
    for (String glob : globs) {
      String pattern = glob.trim();
      if (pattern.endsWith("/")) {
        pattern = pattern.substring(0, pattern.length() - 1);
      }
      if (pattern.isEmpty()) {
        continue;
      }
      try {
        if (!pattern.contains("/")) {
          if (pattern.matches("[^*?\\[\\]{}\\\\]+")) {
            names.add(pattern);
          } else {
            nameMatchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
          }
        } else {
          pathMatchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        }
      } catch (IllegalArgumentException e) {
        throw new InputException("exclude '" + glob + "' is not a valid glob: " + e.getMessage());
      }
    }
  }

  boolean isEmpty() {
    return names.isEmpty() && nameMatchers.isEmpty() && pathMatchers.isEmpty();
  }

  /**
   * @param relativePath the path from the root
   * @param name its last segment
   */
  boolean excludes(String relativePath, String name) {
    if (names.contains(name)) {
      return true;
    }
    if (!nameMatchers.isEmpty()) {
      Path fileName = Path.of(name);
      for (PathMatcher matcher : nameMatchers) {
        if (matcher.matches(fileName)) {
          return true;
        }
      }
    }
    if (!pathMatchers.isEmpty()) {
      Path path = Path.of(relativePath);
      for (PathMatcher matcher : pathMatchers) {
        if (matcher.matches(path)) {
          return true;
        }
      }
    }
    return false;
  }

  boolean excludes(String relativePath) {
    return excludes(relativePath, relativePath.substring(relativePath.lastIndexOf('/') + 1));
  }
}
