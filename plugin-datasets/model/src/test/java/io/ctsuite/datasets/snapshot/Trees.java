package io.ctsuite.datasets.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small directory trees for snapshot tests. */
final class Trees {
  private Trees() {}

  static Path write(Path root, String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
