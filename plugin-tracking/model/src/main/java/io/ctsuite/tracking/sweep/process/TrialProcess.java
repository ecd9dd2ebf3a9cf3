package io.ctsuite.tracking.sweep.process;

import io.ctsuite.tracking.capture.CaptureProblem;
import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.capture.FileCapture;
import io.ctsuite.tracking.capture.LineSplitter;
import io.ctsuite.tracking.capture.ServiceMessageParser;
import io.ctsuite.tracking.store.SourceOffsets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One trial's running process: its output goes to {@code output.log} in the trial's directory and
 * through the service-message parser, the JSON lines file in {@code CT_METRICS_FILE} is followed as
 * it grows, and both feed one sink. Stopping sends SIGTERM to the process and its descendants, then
 * SIGKILL to any still alive after the grace period.
 */
final class TrialProcess {
  static final String OUTPUT = "output.log";
  static final String METRICS = "metrics.jsonl";

  /**
   * {@code setsid} where the system has it (Linux): each trial runs in its own session, so that
   * Ctrl-C in the terminal reaches only the controller, which then stops the trials itself and
   * records them as interrupted (to run again on resume) rather than as failed.
   */
  static final String SETSID = findSetsid();

  private final int number;
  private final Process process;
  private final Thread reader;
  private final FileCapture metricsFile;
  private final Path log;
  private volatile boolean stopRequested;

  private TrialProcess(int number, Process process, Path dir, CaptureSink sink) {
    this.number = number;
    this.process = process;
    this.log = dir.resolve(OUTPUT);
    this.metricsFile = new FileCapture(sink, new SourceOffsets()).add(dir.resolve(METRICS));
    ServiceMessageParser parser = new ServiceMessageParser("trial " + number + " output", sink);
    this.reader = new Thread(() -> copyOutput(parser), "sweep trial " + number + " output");
    reader.setDaemon(true);
  }

  /**
   * Starts the trial's process in {@code workDir}; its files go to {@code dir}. Call {@link
   * #readOutput()} next.
   *
   * @throws IOException when the command cannot be started (not found, not executable)
   */
  static TrialProcess start(
      int number,
      List<String> argv,
      java.util.Map<String, String> environment,
      Path workDir,
      Path dir,
      CaptureSink sink)
      throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(METRICS), new byte[0]);
    checkExecutable(argv.get(0), workDir);
    List<String> command = argv;
    if (SETSID != null) {
      command = new ArrayList<>(List.of(SETSID, "--wait"));
      command.addAll(argv);
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(environment);
    builder.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
    return new TrialProcess(number, builder.start(), dir, sink);
  }

  /**
   * Starts reading the process's output; until then it waits in the pipe, so that the caller can
   * finish registering the trial before its first metric arrives.
   */
  void readOutput() {
    reader.start();
  }

  /**
   * Fails like {@link ProcessBuilder#start()} would for a missing program, which {@code setsid}
   * would otherwise turn into a trial that fails with exit code 1.
   */
  private static void checkExecutable(String program, Path workDir) throws IOException {
    if (program.contains("/")) {
      Path path = workDir.resolve(program);
      if (!Files.isExecutable(path)) {
        throw new IOException(path + " is not an executable file");
      }
      return;
    }
    String searchPath = System.getenv("PATH");
    if (searchPath == null) {
      return;
    }
    for (String dir : searchPath.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir).resolve(program))) {
        return;
      }
    }
    throw new IOException("not found on the PATH");
  }

  private static String findSetsid() {
    for (String candidate : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return null;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win")
            ? "NUL"
            : "/dev/null");
  }

  int number() {
    return number;
  }

  Path log() {
    return log;
  }

  Process process() {
    return process;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  /** Reads what the trial appended to its metrics file since the last poll. */
  void pollMetricsFile(boolean finalPass, CaptureSink problems) {
    try {
      metricsFile.poll(finalPass);
    } catch (IOException e) {
      problems.problem(
          CaptureProblem.atLine(
              "trial " + number + " " + METRICS, 0, "cannot read: " + e.getMessage()));
    }
  }

  /** Waits until everything the process printed has been read. */
  void awaitOutput(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
  }

  /** SIGTERM now to the process and its descendants; SIGKILL after {@code grace} if alive. */
  void stop(Duration grace, ScheduledExecutorService timer) {
    if (stopRequested) {
      return;
    }
    stopRequested = true;
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    timer.schedule(
        () -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly),
        grace.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void copyOutput(ServiceMessageParser parser) {
    LineSplitter lines =
        new LineSplitter(
            (buffer, offset, length) ->
                parser.acceptLine(new String(buffer, offset, length, StandardCharsets.UTF_8)));
    byte[] buffer = new byte[8192];
    try (InputStream in = process.getInputStream();
        OutputStream out = Files.newOutputStream(log)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        out.flush();
        lines.write(buffer, 0, n);
      }
      lines.finish();
    } catch (IOException e) {
      // the stream closes when the process is killed; what was read has been handled
    }
  }
}
