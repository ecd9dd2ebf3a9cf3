package io.ctsuite.cli.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The example training project the demo runs: {@code examples/phase-recognition}. */
public final class ExampleProject {
  static final String RELATIVE = "examples/phase-recognition";

  private final Path dir;

  public ExampleProject(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    for (String file : List.of("generate_data.py", "train.py", "evaluate.py", "gate.yaml")) {
      if (!Files.isRegularFile(this.dir.resolve(file))) {
        throw new DemoException(
            this.dir + " is not the example project: " + file + " is missing (use --example DIR)");
      }
    }
  }

  /**
   * The given directory, else CT_EXAMPLE, else examples/phase-recognition in the working directory
   * or one of its parents, else beside the ct.jar of this checkout.
   */
  public static ExampleProject locate(Path given, String envValue, Path workingDir) {
    if (given != null) {
      return new ExampleProject(given);
    }
    if (envValue != null && !envValue.isBlank()) {
      return new ExampleProject(Path.of(envValue));
    }
    List<Path> tried = new ArrayList<>();
    for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      tried.add(dir.resolve(RELATIVE));
    }
    Path jarDir = jarDirectory();
    if (jarDir != null) {
      // ct-cli/target/ct.jar -> the checkout's root is two levels up
      for (Path dir = jarDir; dir != null; dir = dir.getParent()) {
        tried.add(dir.resolve(RELATIVE));
      }
    }
    for (Path candidate : tried) {
      if (Files.isRegularFile(candidate.resolve("train.py"))) {
        return new ExampleProject(candidate);
      }
    }
    throw new DemoException(
        "cannot find "
            + RELATIVE
            + " from "
            + workingDir.toAbsolutePath()
            + ": run ct demo inside the repository, or give --example DIR");
  }

  private static Path jarDirectory() {
    try {
      Path location =
          Path.of(ExampleProject.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) ? location.getParent() : location;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }

  public Path dir() {
    return dir;
  }

  public Path script(String name) {
    return dir.resolve(name);
  }

  public Path gateSpec() {
    return dir.resolve("gate.yaml");
  }

  public Path deployConfig() {
    return dir.resolve("deploy/models.yaml");
  }
}
