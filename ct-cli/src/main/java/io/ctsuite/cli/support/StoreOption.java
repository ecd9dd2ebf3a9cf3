package io.ctsuite.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The embedded default store: {@code --store}, else {@code CT_STORE}, else {@code ./.ct}. Created
 * on first use. Areas keep their data in sub-directories ({@code runs/}, {@code datasets/}, …).
 */
public class StoreOption {
  @Option(
      names = "--store",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Store directory (default: $CT_STORE or ./.ct).")
  Path store;

  /** The store root, created if missing. */
  public Path root() {
    Path root = store;
    if (root == null) {
      String env = System.getenv("CT_STORE");
      root = Path.of(env == null || env.isBlank() ? ".ct" : env);
    }
    try {
      return Files.createDirectories(root.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the store " + root + ": " + e.getMessage(), e);
    }
  }

  /** An area's directory inside the store, created if missing. */
  public Path area(String name) {
    try {
      return Files.createDirectories(root().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create " + root().resolve(name) + ": " + e.getMessage(), e);
    }
  }
}
