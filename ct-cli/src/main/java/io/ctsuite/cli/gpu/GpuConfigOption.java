package io.ctsuite.cli.gpu;

import io.ctsuite.gpu.GpuSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the GPU settings; without it gpu.yaml in the store, else defaults. */
public class GpuConfigOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "GPU settings (pods, reaper, scheduling, prices); default: gpu.yaml in the store.")
  Path config;

  /** The settings, read strictly: a misspelt field is an error naming the line. */
  public GpuSettings settings(CommandSpec spec) {
    Path file = config;
    if (file == null) {
      Path inStore = storeRoot(spec).resolve("gpu.yaml");
      if (!Files.isRegularFile(inStore)) {
        return GpuSettings.defaults();
      }
      file = inStore;
    }
    try {
      return GpuSettings.read(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The store given to {@code ct} ({@code --store}, {@code CT_STORE} or {@code ./.ct}), without
   * creating it: looking for settings must not leave a directory behind.
   */
  static Path storeRoot(CommandSpec spec) {
    OptionSpec option = spec.root().findOption("--store");
    Object value = option == null ? null : option.getValue();
    if (value instanceof Path path) {
      return path;
    }
    String env = System.getenv("CT_STORE");
    return Path.of(env == null || env.isBlank() ? ".ct" : env);
  }
}
