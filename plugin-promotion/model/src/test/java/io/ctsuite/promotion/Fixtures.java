package io.ctsuite.promotion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared fixtures from real tools (see ../shared/fixtures/PROVENANCE.md) and test resources.
 */
public final class Fixtures {
  /** From the module directory, where Maven runs the tests. */
  public static final Path SHARED = Path.of("../../../shared/fixtures");

  public static final Path GROQ_EVAL =
      SHARED.resolve("predictions/01rahulsingh86__mlflow-groq-eval");

  public static final Path GITLAB = SHARED.resolve("gitlab");

  private Fixtures() {}

  /** A shared fixture's text. */
  public static String shared(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The groq evaluation files by short name, e.g. "runs/ci/predictions.csv". */
  public static Map<String, String> groq(String... names) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : names) {
      files.put(name, shared(GROQ_EVAL.resolve(name)));
    }
    return files;
  }

  /** A test resource next to {@code owner}'s package. */
  public static String resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name + " next to " + owner);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
