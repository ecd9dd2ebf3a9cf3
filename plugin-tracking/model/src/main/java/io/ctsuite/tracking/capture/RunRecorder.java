package io.ctsuite.tracking.capture;

import io.ctsuite.core.FileDigests;
import io.ctsuite.tracking.run.Artifact;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.ParamValues;
import io.ctsuite.tracking.run.References;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects everything captured for one run, from any number of sources and threads (a command's
 * output, event files it writes, the system monitor), and hands out its summary and series at any
 * time. Thread-safe.
 */
public final class RunRecorder implements CaptureSink {
  private final RunSummary.Builder base;
  private final Map<String, Series> metrics = new TreeMap<>();
  private final Map<String, Series> system = new TreeMap<>();
  private final TreeMap<String, Object> params = new TreeMap<>();
  private final TreeMap<String, String> tags = new TreeMap<>();
  private final Map<String, Artifact> artifacts = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private Consumer<CaptureProblem> problemListener = p -> {};
  private long problems;
  private long points;

  private static final class Series {
    final MetricSeries.Builder builder;
    final MetricSummary.Accumulator summary = new MetricSummary.Accumulator();

    Series(MetricSeries.Builder builder) {
      this.builder = builder;
    }

    void add(long step, long wallTime, double value) {
      builder.add(step, wallTime, value);
      summary.add(step, wallTime, value);
    }
  }

  private RunRecorder(RunSummary.Builder base) {
    this.base = base;
  }

  /** A new run, RUNNING from {@code startedAt}. */
  public static RunRecorder start(String id, String family, long startedAt) {
    return new RunRecorder(
        RunSummary.builder(id).family(family).status(RunStatus.RUNNING).startedAt(startedAt));
  }

  /** Continues a saved run: new captures add to its series. */
  public static RunRecorder resume(RunSummary summary, RunSeries metrics, RunSeries system) {
    RunSummary.Builder base = summary.toBuilder();
    RunRecorder recorder = new RunRecorder(base);
    summary.params().forEach(recorder.params::put);
    summary.tags().forEach(recorder.tags::put);
    summary.artifacts().forEach(a -> recorder.artifacts.put(a.path(), a));
    copy(metrics, recorder.metrics);
    copy(system, recorder.system);
    return recorder;
  }

  private static void copy(RunSeries from, Map<String, Series> into) {
    for (MetricSeries s : from.asMap().values()) {
      Series series = new Series(new MetricSeries.Builder(s.key()));
      for (int i = 0; i < s.size(); i++) {
        series.add(s.step(i), s.wallTime(i), s.value(i));
      }
      into.put(s.key(), series);
    }
  }

  /** Also tells {@code listener} about every problem as it happens (e.g. to print it). */
  public synchronized RunRecorder onProblem(Consumer<CaptureProblem> listener) {
    this.problemListener = listener;
    return this;
  }

  @Override
  public synchronized void metric(MetricPoint point) {
    metrics
        .computeIfAbsent(point.key(), k -> new Series(new MetricSeries.Builder(k)))
        .add(point.step(), point.wallTime(), point.value());
    points++;
  }

  @Override
  public synchronized void param(String key, Object value) {
    params.put(key, ParamValues.normalise(value));
  }

  @Override
  public synchronized void tag(String key, String value) {
    tags.put(key, value == null ? "" : value);
  }

  @Override
  public synchronized void artifact(String path, String role) {
    Artifact previous = artifacts.get(path);
    String keptRole = role != null ? role : previous == null ? null : previous.role();
    artifacts.put(path, new Artifact(path, keptRole, -1, null));
  }

  @Override
  public synchronized void problem(CaptureProblem problem) {
    problems++;
    if (warnings.size() < RunSummary.Builder.MAX_WARNINGS) {
      warnings.add(problem.toString());
    }
    problemListener.accept(problem);
  }

  /** A sink that records metrics as system metrics (CPU, memory, GPU) of this run. */
  public CaptureSink systemSink() {
    return point -> {
      synchronized (RunRecorder.this) {
        system
            .computeIfAbsent(point.key(), k -> new Series(new MetricSeries.Builder(k)))
            .add(point.step(), point.wallTime(), point.value());
      }
    };
  }

  /** Sets or clears the start time (epoch milliseconds), e.g. from the data of an import. */
  public synchronized RunRecorder startedAt(Long epochMillis) {
    base.startedAt(epochMillis);
    return this;
  }

  public synchronized RunRecorder name(String name) {
    base.name(name);
    return this;
  }

  public synchronized RunRecorder family(String family) {
    base.family(family);
    return this;
  }

  public synchronized RunRecorder references(References references) {
    base.references(references);
    return this;
  }

  /** Ends the run: the status, the end time, and the command's exit code if any. */
  public synchronized RunRecorder finish(RunStatus status, Long endedAt, Integer exitCode) {
    base.status(status).endedAt(endedAt).exitCode(exitCode);
    return this;
  }

  /**
   * Fills in size and SHA-256 of the artifacts that exist under {@code workDir} (paths are relative
   * to it unless absolute); missing files stay undescribed.
   */
  public void describeArtifacts(Path workDir) throws IOException {
    List<Artifact> todo;
    synchronized (this) {
      todo = new ArrayList<>(artifacts.values());
    }
    for (Artifact a : todo) {
      Path file = workDir.resolve(a.path());
      if (a.sha256() == null && Files.isRegularFile(file)) {
        Artifact described =
            new Artifact(a.path(), a.role(), Files.size(file), FileDigests.sha256Hex(file));
        synchronized (this) {
          artifacts.put(a.path(), described);
        }
      }
    }
  }

  /** The summary as it stands. */
  public synchronized RunSummary summary() {
    RunSummary.Builder b = base.build().toBuilder();
    b.params(params).tags(tags);
    metrics.forEach((k, s) -> b.metric(k, s.summary.summary()));
    TreeMap<String, MetricSummary> systemSummaries = new TreeMap<>();
    system.forEach((k, s) -> systemSummaries.put(k, s.summary.summary()));
    b.system(systemSummaries);
    artifacts.values().forEach(b::artifact);
    warnings.forEach(b::warning); // after those of a resumed run; the builder keeps the first 20
    return b.build();
  }

  /** The metric series as they stand. */
  public synchronized RunSeries metrics() {
    return build(metrics);
  }

  /** The system metric series as they stand. */
  public synchronized RunSeries system() {
    return build(system);
  }

  private static RunSeries build(Map<String, Series> series) {
    Map<String, MetricSeries> built = new TreeMap<>();
    series.forEach((k, s) -> built.put(k, s.builder.build()));
    return new RunSeries(built);
  }

  /** Metric points recorded by this recorder (not counting those of a resumed run). */
  public synchronized long points() {
    return points;
  }

  /** Problems reported so far. */
  public synchronized long problems() {
    return problems;
  }

  public synchronized String id() {
    return base.build().id();
  }
}
