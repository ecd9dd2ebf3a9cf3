package io.ctsuite.tracking.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.ParamValues;
import io.ctsuite.tracking.run.References;
import io.ctsuite.tracking.run.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Imports runs from an MLflow file store ({@code mlruns/<experiment>/<run>/} with {@code
 * meta.yaml}, {@code metrics/}, {@code params/}, {@code tags/}, {@code artifacts/}). Accepts the
 * store root, an experiment directory or a run directory. Metric files hold lines {@code timestamp
 * value [step]}; metric keys containing {@code /} are nested directories. Each MLflow run becomes a
 * run with the same id, in the family named after its experiment.
 */
public final class MlflowImporter {
  private static final List<String> NOT_RUNS =
      List.of("models", "datasets", "traces", "tags", ".trash");

  private MlflowImporter() {}

  /** Whether the path looks like an MLflow store, experiment or run. */
  public static boolean looksLike(Path path) {
    if (!Files.isDirectory(path)) {
      return false;
    }
    if (Files.isRegularFile(path.resolve("meta.yaml"))) {
      return true;
    }
    try (Stream<Path> children = Files.list(path)) {
      return children.anyMatch(c -> Files.isRegularFile(c.resolve("meta.yaml")));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Imports every run under {@code path}.
   *
   * @param problems receives bad metric lines and skipped files
   * @throws InputException when the path is no MLflow store, or a meta.yaml is unreadable
   */
  public static List<RunRecorder> importRuns(Path path, CaptureSink problems) throws IOException {
    Path dir = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new InputException(path + ": not a directory (expected an MLflow mlruns directory)");
    }
    List<RunRecorder> runs = new ArrayList<>();
    Path meta = dir.resolve("meta.yaml");
    if (Files.isRegularFile(meta)) {
      JsonNode node = yaml(meta);
      if (node.hasNonNull("run_id") || node.hasNonNull("run_uuid")) {
        runs.add(run(dir, experimentName(dir.getParent()), problems));
      } else if (node.hasNonNull("experiment_id")) {
        runs.addAll(experiment(dir, problems));
      } else {
        throw unknown(path);
      }
      return runs;
    }
    boolean any = false;
    for (Path child : children(dir)) {
      if (Files.isRegularFile(child.resolve("meta.yaml"))
          && yaml(child.resolve("meta.yaml")).hasNonNull("experiment_id")
          && !yaml(child.resolve("meta.yaml")).hasNonNull("run_id")) {
        runs.addAll(experiment(child, problems));
        any = true;
      }
    }
    if (!any) {
      throw unknown(path);
    }
    return runs;
  }

  private static InputException unknown(Path path) {
    return new InputException(
        path
            + ": not an MLflow file store: expected mlruns/<experiment>/meta.yaml or"
            + " <experiment>/<run>/meta.yaml with run_id");
  }

  private static List<RunRecorder> experiment(Path dir, CaptureSink problems) throws IOException {
    String name = experimentName(dir);
    List<RunRecorder> runs = new ArrayList<>();
    for (Path child : children(dir)) {
      String childName = child.getFileName().toString();
      if (NOT_RUNS.contains(childName) || !Files.isRegularFile(child.resolve("meta.yaml"))) {
        continue;
      }
      JsonNode meta = yaml(child.resolve("meta.yaml"));
      if (meta.hasNonNull("run_id") || meta.hasNonNull("run_uuid")) {
        runs.add(run(child, name, problems));
      }
    }
    return runs;
  }

  private static String experimentName(Path experimentDir) throws IOException {
    if (experimentDir == null || !Files.isRegularFile(experimentDir.resolve("meta.yaml"))) {
      return null;
    }
    JsonNode meta = yaml(experimentDir.resolve("meta.yaml"));
    return meta.path("name").asText(experimentDir.getFileName().toString());
  }

  private static RunRecorder run(Path dir, String experiment, CaptureSink problems)
      throws IOException {
    JsonNode meta = yaml(dir.resolve("meta.yaml"));
    String id =
        meta.path("run_id").asText(meta.path("run_uuid").asText(dir.getFileName().toString()));
    RunRecorder run =
        RunRecorder.start(id, experiment, meta.path("start_time").asLong(0))
            .onProblem(problems::problem);
    String runName = meta.path("run_name").asText(null);
    if (runName != null && !runName.isEmpty()) {
      run.name(runName);
    }
    Path metrics = dir.resolve("metrics");
    if (Files.isDirectory(metrics)) {
      try (Stream<Path> files = Files.walk(metrics)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          metricFile(run, metrics.relativize(file).toString().replace('\\', '/'), file);
        }
      }
    }
    for (Path file : files(dir.resolve("params"))) {
      run.param(key(dir.resolve("params"), file), ParamValues.infer(value(file)));
    }
    References references = References.none();
    for (Path file : files(dir.resolve("tags"))) {
      String key = key(dir.resolve("tags"), file);
      String value = value(file);
      switch (key) {
        case "mlflow.runName" -> run.name(value);
        case "mlflow.source.git.commit" -> references = references.withGitCommit(value);
        case "mlflow.source.git.repoURL" -> references = references.withGitRepository(value);
        default -> {}
      }
      run.tag(key, value);
    }
    run.references(references);
    Path artifacts = dir.resolve("artifacts");
    if (Files.isDirectory(artifacts)) {
      try (Stream<Path> files = Files.walk(artifacts)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          boolean model = Files.isRegularFile(file.resolveSibling("MLmodel"));
          run.artifact(dir.relativize(file).toString().replace('\\', '/'), model ? "model" : null);
        }
      }
      run.describeArtifacts(dir);
    }
    long end = meta.path("end_time").asLong(0);
    run.finish(status(meta.path("status")), end > 0 ? end : null, null);
    return run;
  }

  private static void metricFile(RunRecorder run, String key, Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      long line = 0;
      long nextStep = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        String[] parts = text.trim().split("\\s+");
        try {
          if (parts.length < 2 || parts.length > 3) {
            throw new NumberFormatException("expected 'timestamp value [step]'");
          }
          long ts = Long.parseLong(parts[0]);
          double value = io.ctsuite.tracking.run.Metrics.parse(parts[1]);
          long step = parts.length == 3 ? Long.parseLong(parts[2]) : nextStep;
          nextStep = step + 1;
          run.metric(new MetricPoint(key, step, ts, value));
        } catch (NumberFormatException e) {
          run.problem(
              CaptureProblem.atLine(
                  file.toString(),
                  line,
                  "expected 'timestamp value [step]', found '" + text + "'"));
        }
      }
    }
  }

  /**
   * MLflow's RunStatus numbers (1 running, 2 scheduled, 3 finished, 4 failed, 5 killed) or names.
   */
  static RunStatus status(JsonNode node) {
    String text = node.asText("").toUpperCase(Locale.ROOT);
    return switch (text) {
      case "3", "FINISHED" -> RunStatus.FINISHED;
      case "4", "FAILED" -> RunStatus.FAILED;
      case "5", "KILLED" -> RunStatus.KILLED;
      default -> RunStatus.RUNNING;
    };
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String key(Path base, Path file) {
    return base.relativize(file).toString().replace('\\', '/');
  }

  /** A param or tag file's text without the trailing newline MLflow may or may not write. */
  private static String value(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static JsonNode yaml(Path file) {
    try {
      JsonNode node = Json.yaml().readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new InputException(file + ": expected a YAML mapping");
      }
      return node;
    } catch (IOException e) {
      throw new InputException(file + ": not valid YAML: " + e.getMessage(), e);
    }
  }
}
