package io.ctsuite.cli.track;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.capture.CaptureProblem;
import io.ctsuite.tracking.capture.FileCapture;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.capture.ServiceMessageOutputStream;
import io.ctsuite.tracking.capture.ServiceMessageParser;
import io.ctsuite.tracking.run.References;
import io.ctsuite.tracking.run.RunIds;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.store.SourceOffsets;
import io.ctsuite.tracking.system.GpuSource;
import io.ctsuite.tracking.system.NvidiaSmiSource;
import io.ctsuite.tracking.system.ProcReader;
import io.ctsuite.tracking.system.SystemMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct track run [OPTIONS] -- CMD…}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a command as a tracked run and exits with its exit code.",
      "",
      "Put -- before the command. Its output is passed through and read for ##ct[...] service messages; TensorBoard event files, .jsonl and .csv files it writes under the watched directories are read as they grow; CPU, memory, disk, network and GPUs are sampled. The command sees CT_RUN_ID, CT_RUN_DIR and CT_METRICS_FILE (a JSON-lines file it may append metrics to)."
    })
public class TrackRunCommand implements Callable<Integer> {
  /** The exit code when the command cannot be started, as shells use. */
  static final int CANNOT_START = 127;

  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration SAVE = Duration.ofSeconds(10);
  private static final int MAX_PRINTED_WARNINGS = 20;

  @Spec CommandSpec spec;

  @Mixin RunOptions run;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description = "System sampling interval, e.g. 5s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--watch",
      paramLabel = "DIR",
      description =
          "Directory to watch for metric files (repeatable; default: the working directory).")
  List<Path> watch;

  @Option(names = "--no-watch", description = "Watch no directory for metric files.")
  boolean noWatch;

  @Option(names = "--no-system", description = "Do not sample CPU, memory and GPUs.")
  boolean noSystem;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    Duration every = parseDuration(interval);
    RunStore store = TrackCommand.runs(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String id = run.runId != null ? RunIds.check(run.runId) : RunIds.generate(Instant.now());
    if (store.exists(id)) {
      throw new InputException("run '" + id + "' exists already; give another --run");
    }
    long started = System.currentTimeMillis();
    RunRecorder recorder = RunRecorder.start(id, run.family, started);
    run.applyTo(recorder, References.none());
    recorder.tag("command", String.join(" ", command));
    AtomicInteger printed = new AtomicInteger();
    recorder.onProblem(p -> warn(err, p, printed));
    Path runDir = Files.createDirectories(store.dir(id));
    Path metricsFile = runDir.resolve("metrics.jsonl");
    Files.createFile(metricsFile);
    store.save(recorder.summary(), recorder.metrics(), recorder.system());

    ProcessBuilder builder =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = builder.environment();
    env.put("CT_RUN_ID", id);
    env.put("CT_RUN_DIR", runDir.toString());
    env.put("CT_METRICS_FILE", metricsFile.toString());
    env.put("CT_STORE", TrackCommand.storeOption(spec).root().toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      store.delete(id);
      err.println("ct track run: cannot start '" + command.get(0) + "': " + e.getMessage());
      err.flush();
      return CANNOT_START;
    }

    Thread stdout = pump(process.getInputStream(), new WriterOutputStream(out), "stdout", recorder);
    Thread stderr = pump(process.getErrorStream(), new WriterOutputStream(err), "stderr", recorder);
    SystemMonitor monitor =
        noSystem
            ? null
            : new SystemMonitor(
                    ProcReader.host(),
                    startGpus(every),
                    recorder.systemSink(),
                    System::currentTimeMillis)
                .start(every);
    FileCapture capture =
        new FileCapture(recorder, new SourceOffsets())
            .exclude(store.root())
            .modifiedSince(started - 2000)
            .add(metricsFile);
    if (!noWatch) {
      for (Path dir : watch == null ? List.of(Path.of("")) : watch) {
        capture.add(dir);
      }
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ct-track-capture");
              t.setDaemon(true);
              return t;
            });
    long[] lastSave = {System.nanoTime()};
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            capture.poll(false);
            if (System.nanoTime() - lastSave[0] > SAVE.toNanos()) {
              store.save(recorder.summary(), recorder.metrics(), recorder.system());
              lastSave[0] = System.nanoTime();
            }
          } catch (IOException | RuntimeException e) {
            // a file vanishing while read, a full disk for a moment: the final pass tries again
          }
        },
        POLL.toMillis(),
        POLL.toMillis(),
        TimeUnit.MILLISECONDS);

    AtomicBoolean finished = new AtomicBoolean();
    Thread onInterrupt =
        new Thread(
            () -> {
              if (finished.compareAndSet(false, true)) {
                process.destroy();
                timer.shutdownNow();
                if (monitor != null) {
                  monitor.close();
                }
                recorder.finish(RunStatus.KILLED, System.currentTimeMillis(), null);
                store.save(recorder.summary(), recorder.metrics(), recorder.system());
                err.println("ct track run: interrupted; run " + id + " recorded as KILLED");
                err.flush();
              }
            },
            "ct-track-interrupted");
    Runtime.getRuntime().addShutdownHook(onInterrupt);

    int exit = process.waitFor();
    stdout.join();
    stderr.join();
    if (!finished.compareAndSet(false, true)) {
      return exit; // the shutdown hook recorded the run
    }
    timer.shutdown();
    timer.awaitTermination(30, TimeUnit.SECONDS);
    capture.poll(true);
    if (monitor != null) {
      monitor.close();
    }
    try {
      recorder.describeArtifacts(Path.of("").toAbsolutePath());
    } catch (IOException e) {
      err.println("ct track run: could not hash an artifact: " + e.getMessage());
    }
    recorder.finish(
        exit == 0 ? RunStatus.FINISHED : RunStatus.FAILED, System.currentTimeMillis(), exit);
    RunSummary summary = recorder.summary();
    store.save(summary, recorder.metrics(), recorder.system());
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already
    }
    err.printf(
        "ct: run %s %s: %d points in %d metrics, %d system metrics%s; exit code %d%n",
        id,
        summary.status().name().toLowerCase(Locale.ROOT),
        recorder.points(),
        summary.metrics().size(),
        summary.system().size(),
        recorder.problems() == 0
            ? ""
            : ", " + recorder.problems() + (recorder.problems() == 1 ? " warning" : " warnings"),
        exit);
    err.flush();
    return exit;
  }

  /** GPUs through a looping nvidia-smi; a host without one is simply sampled without GPUs. */
  private static GpuSource startGpus(Duration every) {
    return NvidiaSmiSource.start(every, note -> {});
  }

  private static void warn(PrintWriter err, CaptureProblem problem, AtomicInteger printed) {
    int n = printed.incrementAndGet();
    if (n <= MAX_PRINTED_WARNINGS) {
      err.println("ct: warning: " + problem);
    } else if (n == MAX_PRINTED_WARNINGS + 1) {
      err.println("ct: warning: more problems; see the run's warnings");
    }
    err.flush();
  }

  /** Copies a stream of the command through a service-message reader on its own thread. */
  private static Thread pump(InputStream from, OutputStream to, String name, RunRecorder recorder) {
    ServiceMessageParser parser = new ServiceMessageParser(name, recorder);
    Thread t =
        new Thread(
            () -> {
              try (ServiceMessageOutputStream scan = new ServiceMessageOutputStream(to, parser)) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) > 0) {
                  scan.write(buffer, 0, n);
                }
              } catch (IOException e) {
                // the command closed its output
              }
            },
            "ct-track-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** {@code 5s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      } else if (t.endsWith("s")) {
        d =
            Duration.ofMillis(
                Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      } else if (t.endsWith("m")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
      } else {
        d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
      }
      if (d.toMillis() < 100) {
        throw new InputException("--interval '" + text + "' is too short (100ms at least)");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new InputException("--interval '" + text + "' is no duration (e.g. 5s, 500ms, 1m)");
    }
  }
}
