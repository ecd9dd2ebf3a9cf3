package io.ctsuite.tracking.session;

import io.ctsuite.tracking.capture.FileCapture;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.store.SourceOffsets;
import io.ctsuite.tracking.system.GpuSource;
import io.ctsuite.tracking.system.ProcReader;
import io.ctsuite.tracking.system.SystemMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tracked run whose state lives in one directory, the run directory the tracked code sees as
 * {@code CT_RUN_DIR}. What the session captures (the run's JSON-lines file, service-message lines
 * copied from consoles, the metric and event files it is told about, system samples) is saved there
 * as a run-store entry ({@code run.json}, {@code metrics.series}, {@code system.series}, {@code
 * sources.json}) every few seconds. So another process can show the run live by reading the
 * directory, and a session that ended abruptly (its process died) can be resumed from it without
 * reading any file twice.
 *
 * <p>Files the session reads in its directory: {@value #METRICS_FILE} (JSON lines; created at
 * start), any {@code *.log} (service messages, e.g. {@value #CONSOLE_FILE}). A file {@value
 * #STOP_FILE} asks whichever process owns the session to finish it: a process that did not start
 * the session (after a restart) cannot reach it otherwise.
 */
public final class RunSession implements AutoCloseable {
  public static final String METRICS_FILE = "metrics.jsonl";
  public static final String CONSOLE_FILE = "console.log";
  public static final String STOP_FILE = "stop";

  /** Files the run writes elsewhere; asked again at every poll, since they appear as it runs. */
  public interface Sources {
    /** Directories searched (recursively) for TensorBoard event files. */
    Collection<Path> eventDirectories();

    /** Metric files: JSON lines, CSV, or logs with service messages. */
    Collection<Path> metricFiles();

    /** No files outside the run directory. */
    Sources NONE =
        new Sources() {
          @Override
          public Collection<Path> eventDirectories() {
            return List.of();
          }

          @Override
          public Collection<Path> metricFiles() {
            return List.of();
          }
        };
  }

  /** Files last modified this long before the start belong to an earlier run. */
  private static final long CLOCK_SLACK_MILLIS = 2000;

  private final Path dir;
  private final RunStore store;
  private final RunRecorder recorder;
  private final SourceOffsets offsets;
  private final Sources sources;
  private long since;
  private final FileCapture own;
  private final FileCapture events;
  private final FileCapture metricFiles;
  private SystemMonitor monitor;
  private ScheduledExecutorService timer;
  private Path artifactBase;
  private boolean finished;
  private String lastProblem;

  private RunSession(Path dir, RunRecorder recorder, SourceOffsets offsets, Sources sources) {
    this.dir = dir.toAbsolutePath().normalize();
    this.store = new RunStore(this.dir.getParent());
    this.recorder = recorder;
    this.offsets = offsets;
    this.sources = sources;
    Long started = recorder.summary().startedAt();
    this.since = (started == null ? System.currentTimeMillis() : started) - CLOCK_SLACK_MILLIS;
    this.own =
        new FileCapture(recorder, offsets)
            .only(EnumSet.of(FileCapture.Kind.JSON_LINES, FileCapture.Kind.LOG))
            .add(this.dir);
    this.events =
        new FileCapture(recorder, offsets)
            .only(EnumSet.of(FileCapture.Kind.EVENTS))
            .exclude(this.dir)
            .modifiedSince(since);
    this.metricFiles = new FileCapture(recorder, offsets);
  }

  /**
   * Starts a session in {@code dir}, whose name must be the run's id; creates the directory and an
   * empty {@value #METRICS_FILE}, and saves the run as RUNNING.
   */
  public static RunSession start(Path dir, RunRecorder recorder, Sources sources)
      throws IOException {
    checkName(dir, recorder.id());
    Files.createDirectories(dir);
    Path metrics = dir.resolve(METRICS_FILE);
    if (!Files.exists(metrics)) {
      Files.createFile(metrics);
    }
    RunSession session = new RunSession(dir, recorder, new SourceOffsets(), sources);
    session.save();
    return session;
  }

  /**
   * Continues a session saved in {@code dir}: its series, and the files from where they stopped.
   */
  public static RunSession resume(Path dir, Sources sources) {
    Path d = dir.toAbsolutePath().normalize();
    RunStore store = new RunStore(d.getParent());
    String id = d.getFileName().toString();
    RunRecorder recorder =
        RunRecorder.resume(store.summary(id), store.metrics(id), store.system(id));
    return new RunSession(d, recorder, store.sources(id), sources);
  }

  /** Whether a session was ever saved in {@code dir}. */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(RunStore.SUMMARY));
  }

  private static void checkName(Path dir, String id) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    if (name == null || !name.toString().equals(id)) {
      throw new IllegalArgumentException("the run directory " + dir + " must be named " + id);
    }
  }

  /**
   * Reads the files it is told about whatever their age (to publish files written before the run
   * was recorded); by default files last modified before the start are left out as an earlier
   * run's.
   */
  public synchronized RunSession acceptOlderFiles() {
    since = Long.MIN_VALUE;
    events.modifiedSince(Long.MIN_VALUE);
    return this;
  }

  public Path dir() {
    return dir;
  }

  public RunRecorder recorder() {
    return recorder;
  }

  /** Samples CPU, memory, disks, network and the GPUs every {@code interval} until the end. */
  public synchronized RunSession monitorSystem(ProcReader proc, GpuSource gpus, Duration interval) {
    if (monitor == null && !finished) {
      monitor =
          new SystemMonitor(proc, gpus, recorder.systemSink(), System::currentTimeMillis)
              .start(interval);
    } else {
      gpus.close();
    }
    return this;
  }

  /**
   * Polls the files and saves the run every {@code every} on a daemon thread, and finishes the
   * session when someone asks for it with {@link #requestStop}.
   *
   * @param artifactBase what relative artifact paths are relative to (sizes and hashes at the end)
   */
  public synchronized RunSession autoSave(Duration every, Path artifactBase) {
    this.artifactBase = artifactBase;
    if (timer == null && !finished) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ct-run-session " + recorder.id());
                t.setDaemon(true);
                return t;
              });
      long millis = Math.max(50, every.toMillis());
      timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void tick() {
    try {
      RunStatus requested = stopRequested(dir);
      if (requested != null) {
        finish(requested, artifactBase);
        return;
      }
      poll(false);
      save();
    } catch (IOException | RuntimeException e) {
      // a file vanishing while read, a full disk for a moment: the next tick tries again
      lastProblem = e.toString();
    }
  }

  /** Reads what is new in every file. */
  public synchronized void poll(boolean finalPass) throws IOException {
    own.poll(finalPass);
    for (Path d : sources.eventDirectories()) {
      if (Files.isDirectory(d)) {
        events.add(d);
      }
    }
    events.poll(finalPass);
    for (Path f : sources.metricFiles()) {
      if (isFresh(f)) {
        metricFiles.add(f);
      }
    }
    metricFiles.poll(finalPass);
  }

  /** A file written before the run started belongs to an earlier run in the same workspace. */
  private boolean isFresh(Path file) {
    try {
      return Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() >= since;
    } catch (IOException e) {
      return false;
    }
  }

  /** Saves the run as it stands (series first, then the summary, then the read offsets). */
  public synchronized RunSummary save() {
    RunSummary summary = recorder.summary();
    store.save(summary, recorder.metrics(), recorder.system());
    store.saveSources(summary.id(), offsets);
    return summary;
  }

  /**
   * Ends the session: stops polling and sampling (with a last sample), reads the files to their
   * end, sizes and hashes the artifacts found under {@code artifactBase}, records the status and
   * saves. Finishing twice returns the saved summary.
   */
  public RunSummary finish(RunStatus status, Path artifactBase) throws IOException {
    ScheduledExecutorService stoppedTimer;
    synchronized (this) {
      if (finished) {
        return recorder.summary();
      }
      finished = true;
      stoppedTimer = timer;
      timer = null;
    }
    if (stoppedTimer != null) {
      stoppedTimer.shutdown(); // a tick running now finishes its poll; this thread waits below
    }
    synchronized (this) {
      if (monitor != null) {
        monitor.close();
        monitor = null;
      }
      poll(true);
      if (artifactBase != null) {
        recorder.describeArtifacts(artifactBase);
      }
      recorder.finish(status, System.currentTimeMillis(), null);
      RunSummary summary = save();
      try {
        Files.deleteIfExists(dir.resolve(STOP_FILE));
      } catch (IOException e) {
        // the saved status is what readers go by
      }
      return summary;
    }
  }

  /** Whether {@link #finish} ran. */
  public synchronized boolean isFinished() {
    return finished;
  }

  /** The last error a background poll met, or {@code null}. */
  public String lastProblem() {
    return lastProblem;
  }

  /** Asks the process that owns the session in {@code dir} to finish it with {@code status}. */
  public static void requestStop(Path dir, RunStatus status) {
    try {
      Files.writeString(dir.resolve(STOP_FILE), status.name(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(STOP_FILE), e);
    }
  }

  /** The status someone asked the session in {@code dir} to finish with, or {@code null}. */
  public static RunStatus stopRequested(Path dir) {
    try {
      String text = Files.readString(dir.resolve(STOP_FILE), StandardCharsets.UTF_8).trim();
      return RunStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return RunStatus.KILLED;
    }
  }

  /** The saved status of the session in {@code dir}, or {@code null} when none was saved. */
  public static RunStatus savedStatus(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    if (!exists(d)) {
      return null;
    }
    return new RunStore(d.getParent()).summary(d.getFileName().toString()).status();
  }

  /** Stops the background work without finishing the run (it stays RUNNING, resumable). */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    if (monitor != null) {
      monitor.close();
      monitor = null;
    }
  }
}
