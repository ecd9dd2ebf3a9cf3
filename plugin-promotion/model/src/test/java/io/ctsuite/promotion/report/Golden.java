package io.ctsuite.promotion.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.promotion.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a golden file under src/test/resources. Run with {@code
 * -Dgolden.update=true} to rewrite the golden files after an intended change, then review the diff.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(Class<?> owner, String name, String actual) {
    if (Boolean.getBoolean("golden.update")) {
      Path file =
          Path.of("src/test/resources")
              .resolve(owner.getPackageName().replace('.', '/'))
              .resolve(name);
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(actual).as("golden file %s", name).isEqualTo(Fixtures.resource(owner, name));
  }
}
