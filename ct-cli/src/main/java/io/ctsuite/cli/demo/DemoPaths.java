package io.ctsuite.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the demo keeps its work inside the store: {@code demo/} for the generated data, models,
 * evaluation results, the deployment config and the report; datasets and runs in the store's own
 * areas, exactly where {@code ct dataset} and {@code ct track} look for them.
 */
public final class DemoPaths {
  private final Path store;
  private final Path demo;

  public DemoPaths(Path store) {
    this.store = store.toAbsolutePath().normalize();
    this.demo = this.store.resolve("demo");
  }

  public Path store() {
    return store;
  }

  public Path datasets() {
    return store.resolve("datasets");
  }

  public Path runs() {
    return store.resolve("runs");
  }

  public Path data() {
    return demo.resolve("data");
  }

  public Path models() {
    return demo.resolve("models");
  }

  public Path eval() {
    return demo.resolve("eval");
  }

  public Path deployConfig() {
    return demo.resolve("deploy/models.yaml");
  }

  /** What the demo remembers about the production model between runs. */
  public Path productionRecord() {
    return demo.resolve("production.json");
  }

  public Path report() {
    return demo.resolve("report");
  }

  /** A path as the user would type it: relative to the working directory when inside it. */
  public String show(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) && !absolute.equals(cwd)
        ? cwd.relativize(absolute).toString()
        : absolute.toString();
  }

  /** Creates the directories the demo writes into. */
  public void create() {
    try {
      for (Path dir : new Path[] {data(), models(), eval(), deployConfig().getParent(), report()}) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo's directories in " + demo, e);
    }
  }
}
