package io.ctsuite.cli.demo;

import io.ctsuite.cli.CtCommand;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.tracking.run.Artifact;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.RunIds;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a model of the example project under {@code ct track run}, as a user would type it: the
 * tracker records the parameters and the artifact (service messages), the metrics (JSON lines in
 * CT_METRICS_FILE) and the machine's CPU and memory while it runs.
 */
final class TrackedTraining {
  private final DemoConsole console;
  private final DemoPaths paths;
  private final ExampleProject example;
  private final PythonRuntime python;
  private final DemoSettings settings;

  TrackedTraining(
      DemoConsole console,
      DemoPaths paths,
      ExampleProject example,
      PythonRuntime python,
      DemoSettings settings) {
    this.console = console;
    this.paths = paths;
    this.example = example;
    this.python = python;
    this.settings = settings;
  }

  TrainedModel train(String role, VersionInfo dataset, Path outDir) {
    String runId = RunIds.generate(Instant.now());
    List<String> trainArgs =
        List.of(
            "--data",
            paths.data().toString(),
            "--out",
            outDir.toString(),
            "--epochs",
            Integer.toString(settings.epochs()),
            "--seed",
            Integer.toString(settings.seed()),
            "--dataset-version",
            dataset.id());
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--store", paths.store().toString(), "track", "run"));
    args.addAll(List.of("--run", runId, "--family", DemoSettings.FAMILY));
    args.addAll(List.of("--name", role + " on " + DemoSettings.DATASET + " " + dataset.label()));
    args.addAll(List.of("--tag", "role=" + role));
    args.addAll(List.of("--dataset", DemoSettings.DATASET + "@" + dataset.id()));
    String commit = GitCommit.of(example.dir());
    if (commit != null) {
      args.addAll(List.of("--git-commit", commit));
    }
    args.addAll(List.of("--interval", "1s", "--no-watch", "--"));
    args.addAll(python.command(example.script("train.py"), trainArgs));
    console.command(
        "ct track run --family "
            + DemoSettings.FAMILY
            + " --tag role="
            + role
            + " --dataset "
            + DemoSettings.DATASET
            + "@"
            + dataset.label()
            + " -- python3 train.py --data "
            + paths.show(paths.data())
            + " --out "
            + paths.show(outDir)
            + " --epochs "
            + settings.epochs());

    int exit;
    try (PrintWriter out = indented();
        PrintWriter err = indented()) {
      exit = CtCommand.commandLine().setOut(out).setErr(err).execute(args.toArray(String[]::new));
    }
    if (exit != 0) {
      throw new DemoException(
          "training the " + role + " model failed (exit code " + exit + "); see its output above");
    }
    return describe(role, runId, dataset, outDir);
  }

  private PrintWriter indented() {
    return new PrintWriter(
        new LinePrefixWriter(console.writer(), "      ", line -> line.startsWith("##ct[")), true);
  }

  private TrainedModel describe(String role, String runId, VersionInfo dataset, Path outDir) {
    RunSummary run = new RunStore(paths.runs()).summary(runId);
    MetricSummary valAcc = run.metric("val/acc");
    Map<String, Object> model = readModelJson(outDir.resolve("model.json"));
    double best = ((Number) model.get("val_acc")).doubleValue();
    long bestEpoch = ((Number) model.get("best_epoch")).longValue();
    console.say(
        String.format(
            Locale.ROOT,
            "Run %s (%s): %d metrics, val/acc from %.3f to a best of %.3f at epoch %d (the"
                + " checkpoint kept)",
            runId,
            run.status().name().toLowerCase(Locale.ROOT),
            run.metrics().size(),
            valAcc == null ? Double.NaN : valAcc.first(),
            best,
            bestEpoch));
    MetricSummary cpu = run.system().get("sys/cpu_percent");
    MetricSummary memory = run.system().get("sys/mem_used_mib");
    if (cpu != null && memory != null) {
      console.detail(
          String.format(
              Locale.ROOT,
              "system monitor: %d samples, CPU up to %.0f %%, memory up to %,.0f MiB (no GPU here:"
                  + " CPU-only, as planned)",
              cpu.count(),
              cpu.max(),
              memory.max()));
    }
    String sha256 = String.valueOf(model.get("sha256"));
    for (Artifact artifact : run.artifacts()) {
      console.detail(
          String.format(
              Locale.ROOT,
              "artifact %s (%s, %,d bytes, sha256 %s)",
              paths.show(Path.of(artifact.path())),
              artifact.role(),
              artifact.size(),
              artifact.sha256() == null ? "?" : artifact.sha256().substring(0, 12) + "…"));
    }
    return new TrainedModel(
        role,
        runId,
        outDir.resolve("model.pt"),
        sha256,
        dataset.label(),
        dataset.id(),
        best,
        bestEpoch);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readModelJson(Path file) {
    try {
      return Json.mapper().readValue(Files.readString(file), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
