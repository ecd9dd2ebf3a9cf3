package io.ctsuite.cli.track;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.capture.CaptureProblem;
import io.ctsuite.tracking.capture.FileCapture;
import io.ctsuite.tracking.capture.MlflowImporter;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.RunIds;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.store.SourceOffsets;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct track ingest PATH… [--run ID]}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Records metrics from files into a run.",
      "",
      "Reads TensorBoard event files, JSON lines (.jsonl), CSV with a header, logs with ##ct[...] service messages, or an MLflow mlruns/ store (one run per MLflow run). Directories are searched. Ingesting into an existing run adds only what the files gained since the last time."
    })
public class TrackIngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Mixin RunOptions run;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Override
  public Integer call() throws Exception {
    RunStore store = TrackCommand.runs(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new NoSuchFileException(path.toString());
      }
    }
    if (paths.size() == 1 && MlflowImporter.looksLike(paths.get(0))) {
      return importMlflow(store, paths.get(0), out, err);
    }
    String id = run.runId != null ? RunIds.check(run.runId) : RunIds.generate(Instant.now());
    boolean existing = store.exists(id);
    RunRecorder recorder =
        existing
            ? RunRecorder.resume(store.summary(id), store.metrics(id), store.system(id))
            : RunRecorder.start(id, run.family, 0)
                .startedAt(null)
                .finish(RunStatus.FINISHED, null, null);
    run.applyTo(
        recorder, existing ? store.summary(id).references() : recorder.summary().references());
    List<CaptureProblem> problems = new ArrayList<>();
    recorder.onProblem(problems::add);
    SourceOffsets offsets = existing ? store.sources(id) : new SourceOffsets();
    FileCapture capture = new FileCapture(recorder, offsets).exclude(store.root());
    paths.forEach(capture::add);
    FileCapture.Report report;
    try (ProgressRenderer progress = new ProgressRenderer(new PrintStream(System.err, true))) {
      capture.progress(json.enabled() ? io.ctsuite.core.Progress.NONE : progress);
      report = capture.poll(true);
    }
    if (report.files().isEmpty() && !existing) {
      throw new InputException(
          "nothing to ingest in "
              + paths
              + ": no event files (*tfevents*), JSON lines (.jsonl), CSV (.csv) or logs (.log, .txt)");
    }
    RunSummary summary = recorder.summary();
    store.save(summary, recorder.metrics(), recorder.system());
    store.saveSources(id, capture.offsets());
    if (json.enabled()) {
      ObjectNode node = Json.mapper().createObjectNode();
      node.put("run", id).put("family", summary.family()).put("points", report.points());
      ArrayNode files = node.putArray("files");
      for (FileCapture.FileResult f : report.files()) {
        files
            .addObject()
            .put("path", f.file().toString())
            .put("kind", f.kind().name())
            .put("bytes", f.bytes())
            .put("points", f.points())
            .put("truncated", f.truncated());
      }
      ArrayNode warnings = node.putArray("warnings");
      problems.forEach(p -> warnings.add(p.toString()));
      TrackText.json(out, node);
    } else {
      problems.forEach(p -> err.println("warning: " + p));
      for (FileCapture.FileResult f : report.files()) {
        out.printf(
            "  %s: %d points%s%n",
            f.file(),
            f.points(),
            f.truncated() ? " (last record incomplete: still being written?)" : "");
      }
      out.printf(
          "%s run %s (%s): %d new points, %d metrics%s%n",
          existing ? "Updated" : "Recorded",
          id,
          summary.family(),
          report.points(),
          summary.metrics().size(),
          problems.isEmpty()
              ? ""
              : ", " + problems.size() + (problems.size() == 1 ? " warning" : " warnings"));
      err.flush();
    }
    return ExitCode.OK;
  }

  private Integer importMlflow(RunStore store, Path path, PrintWriter out, PrintWriter err)
      throws Exception {
    List<CaptureProblem> problems = new ArrayList<>();
    List<RunRecorder> runs =
        MlflowImporter.importRuns(
            path,
            new io.ctsuite.tracking.capture.CaptureSink() {
              @Override
              public void metric(io.ctsuite.tracking.run.MetricPoint point) {}

              @Override
              public void problem(CaptureProblem problem) {
                problems.add(problem);
              }
            });
    if (runs.isEmpty()) {
      throw new InputException(path + ": the MLflow store holds no runs");
    }
    if (run.runId != null && runs.size() > 1) {
      throw new InputException(
          "--run names one run, but " + path + " holds " + runs.size() + " MLflow runs");
    }
    List<RunSummary> saved = new ArrayList<>();
    for (RunRecorder recorder : runs) {
      RunRecorder target =
          run.runId == null
              ? recorder
              : RunRecorder.resume(
                  copyWithId(recorder.summary(), run.runId), recorder.metrics(), recorder.system());
      run.applyTo(target, target.summary().references());
      RunSummary summary = target.summary();
      store.save(summary, target.metrics(), target.system());
      saved.add(summary);
    }
    if (json.enabled()) {
      ObjectNode node = Json.mapper().createObjectNode();
      ArrayNode list = node.putArray("runs");
      saved.forEach(
          s ->
              list.addObject()
                  .put("run", s.id())
                  .put("family", s.family())
                  .put("status", s.status().name())
                  .put("metrics", s.metrics().size()));
      ArrayNode warnings = node.putArray("warnings");
      problems.forEach(p -> warnings.add(p.toString()));
      TrackText.json(out, node);
    } else {
      problems.forEach(p -> err.println("warning: " + p));
      for (RunSummary s : saved) {
        out.printf(
            "  %s (%s, %s): %d metrics, %d params%n",
            s.id(), s.family(), s.status(), s.metrics().size(), s.params().size());
      }
      out.printf(
          "Imported %d MLflow run%s from %s%n", saved.size(), saved.size() == 1 ? "" : "s", path);
      err.flush();
    }
    return ExitCode.OK;
  }

  private static RunSummary copyWithId(RunSummary s, String id) {
    RunSummary.Builder b =
        RunSummary.builder(id)
            .family(s.family())
            .name(s.name())
            .status(s.status())
            .startedAt(s.startedAt())
            .endedAt(s.endedAt())
            .exitCode(s.exitCode())
            .params(s.params())
            .tags(s.tags())
            .metrics(s.metrics())
            .system(s.system())
            .references(s.references());
    s.artifacts().forEach(b::artifact);
    s.warnings().forEach(b::warning);
    return b.build();
  }
}
