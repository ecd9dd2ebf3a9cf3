package io.ctsuite.cli.demo;

import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.promotion.config.ConfigEditor;
import io.ctsuite.promotion.config.KeyPath;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Step 1: the first data (two hospitals), its snapshot v1, and a production model trained,
 * evaluated and deployed. A re-run finds that model in the store and continues from it.
 */
final class ProductionStep {
  static final List<String> FIRST_SOURCES = List.of("hospital-a", "hospital-b");

  void run(DemoRun run) {
    DemoConsole console = run.console;
    console.step(1, "The first data, dataset version v1, and the production model");
    TrainedModel known = ProductionRecord.read(run.paths.productionRecord());
    VersionInfo knownVersion = known == null ? null : run.dataset.find(known.datasetId());
    if (known != null && knownVersion != null && Files.isRegularFile(run.paths.deployConfig())) {
      continueFrom(run, known, knownVersion);
      return;
    }
    console.say("No production model in the store yet: starting from the beginning.");
    resetData(run);
    console.say(
        "Data arrives from "
            + String.join(" and ", FIRST_SOURCES)
            + ": "
            + run.settings.clips()
            + " labelled clip embeddings each.");
    run.scripts.generate(
        run.paths.data(), FIRST_SOURCES, run.settings.clips(), run.settings.seed());

    run.first = snapshot(run, "ct demo: the first two hospitals");
    run.v1 = run.first.version();

    console.say("Training the production model on " + run.v1.label() + ".");
    run.production =
        run.training.train("production", run.v1, run.paths.models().resolve("production"));

    console.say("Evaluating it on the test split of " + run.v1.label() + ":");
    run.productionOnV1 =
        run.scripts.evaluate(
            List.of("--model", run.production.modelFile().toString()),
            run.paths.data(),
            run.paths.eval().resolve("production-" + run.v1.label() + ".jsonl"),
            run.v1.id());
    console.say("Production accuracy: " + run.productionOnV1.describe());

    deploy(run);
    ProductionRecord.write(run.paths.productionRecord(), run.production, run.productionOnV1.file());
  }

  private void continueFrom(DemoRun run, TrainedModel known, VersionInfo version) {
    run.continued = true;
    run.production = known;
    run.v1 = version;
    Path evaluation = ProductionRecord.evaluation(run.paths.productionRecord());
    if (Files.isRegularFile(evaluation)) {
      run.productionOnV1 = EvalSummary.read(evaluation);
    }
    run.console.say(
        "Continuing from the store: "
            + DemoSettings.DATASET
            + " has "
            + run.dataset.versions()
            + " version(s); the production model is run "
            + known.runId()
            + ", trained on "
            + version.label()
            + " ("
            + version.shortId()
            + ") and deployed in "
            + run.paths.show(run.paths.deployConfig())
            + ".");
    if (run.productionOnV1 != null) {
      run.console.say(
          "Its accuracy on the test split of "
              + version.label()
              + ": "
              + run.productionOnV1.describe());
    }
    run.console.say(
        "(Delete " + run.paths.show(run.paths.store().resolve("demo")) + " to start over.)");
  }

  static DemoDataset.Snapshot snapshot(DemoRun run, String note) {
    run.console.command(
        "ct dataset snapshot "
            + DemoSettings.DATASET
            + " "
            + run.paths.show(run.paths.data())
            + " --path-pattern '"
            + DemoDataset.PATH_PATTERN
            + "'");
    DemoDataset.Snapshot snapshot;
    try (PrintStream progressOut = ConsoleStream.to(run.console.writer(), "      ");
        ProgressRenderer progress = new ProgressRenderer(progressOut)) {
      snapshot = run.dataset.snapshot(note, progress);
    }
    VersionInfo v = snapshot.version();
    DatasetStats stats = snapshot.stats();
    run.console.say(
        String.format(
            Locale.ROOT,
            "%s %s %s (%s): %,d files, %.1f MB, %s",
            snapshot.created() ? "Recorded" : "Unchanged content, already recorded as",
            DemoSettings.DATASET,
            v.label(),
            v.shortId(),
            stats.files(),
            stats.bytes() / 1e6,
            perSource(stats)));
    run.console.detail(
        String.format(
            Locale.ROOT,
            "%,d files hashed, %,d taken from the stat cache, in %.1f s",
            snapshot.result().hashedFiles(),
            snapshot.result().cachedFiles(),
            snapshot.result().elapsedMillis() / 1000.0));
    return snapshot;
  }

  static String perSource(DatasetStats stats) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, DatasetStats.Group> source : stats.bySource().entrySet()) {
      text.append(text.length() == 0 ? "" : " · ")
          .append(source.getKey())
          .append(' ')
          .append(String.format(Locale.ROOT, "%,d", source.getValue().files()));
    }
    return text.toString();
  }

  /** A fresh start needs the first two hospitals only; the data directory is the demo's own. */
  private static void resetData(DemoRun run) {
    Path data = run.paths.data();
    try (Stream<Path> sources = Files.list(data)) {
      boolean others = sources.anyMatch(p -> !FIRST_SOURCES.contains(p.getFileName().toString()));
      if (!others) {
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + data + ": " + e.getMessage(), e);
    }
    run.console.say("Clearing " + run.paths.show(data) + " (generated data of an earlier run).");
    try (Stream<Path> all = Files.walk(data)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(data)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + data + ": " + e.getMessage(), e);
    }
  }

  /** Writes the production model into the demo's copy of the deployment config. */
  private static void deploy(DemoRun run) {
    Path config = run.paths.deployConfig();
    try {
      String text = Files.readString(run.example.deployConfig(), StandardCharsets.UTF_8);
      Map<String, Object> lineage = new LinkedHashMap<>();
      lineage.put("dataset_version", DemoSettings.DATASET + "@" + run.production.datasetId());
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("uri", run.production.uri());
      fields.put("version", run.production.runId());
      fields.put("sha256", run.production.sha256());
      fields.put("lineage", lineage);
      String deployed =
          ConfigEditor.forFile(config.getFileName().toString())
              .set(text, KeyPath.parse(DemoSettings.MODEL_KEY), fields);
      Files.writeString(config, deployed, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config + ": " + e.getMessage(), e);
    }
    run.console.say(
        "Deployed: "
            + DemoSettings.MODEL_KEY
            + " in "
            + run.paths.show(config)
            + " now names this model (uri, version, sha256, lineage). From here on only a"
            + " promotion changes it.");
  }
}
