package io.jenkins.plugins.ct.tracking.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import hudson.FilePath;
import hudson.console.ConsoleNote;
import hudson.model.Computer;
import hudson.model.TaskListener;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.capture.CaptureProblem;
import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.capture.JsonLinesReader;
import io.ctsuite.tracking.capture.ServiceMessageParser;
import io.ctsuite.tracking.capture.ServiceMessageStamp;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.sweep.schedule.Decision;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Reads what a running trial reports and hands it to the sweep's controller, which decides: the
 * {@code ##ct[metric …]} lines its steps print, which {@link TrialConsoleTap} copies as they are
 * written (to {@code trials/<n>/console.log} next to the sweep's state, or to a file in the
 * temporary directory of the agent that ran the step), and the JSON lines it appends to {@code
 * $CT_METRICS_FILE} (read through the channel of the node it runs on). Polls every two seconds; a
 * decision to stop calls the given stopper, which interrupts the block.
 *
 * <p>Every source is read from a byte offset, so a poll reads only what was added since the last
 * one; no step log is read back. The offsets are kept in {@code trials/<n>/read.json} next to the
 * sweep's state, written before the state, so that after a controller restart reading goes on where
 * it was and no report counts twice.
 */
final class TrialFeed {
  private static final Logger LOGGER = Logger.getLogger(TrialFeed.class.getName());
  private static final long POLL_SECONDS = 2;
  private static final int FILE_CHUNK = 4 << 20;
  private static final int MAX_PROBLEMS_SHOWN = 5;

  private final LiveSweep sweep;
  private final int number;
  private final String metricsFileName;
  private final StepContext context;
  private final Path offsetsFile;
  private final Map<String, Long> offsets;
  private final ServiceMessageParser console;
  private final Map<String, JsonLinesReader> files = new HashMap<>();

  private final File consoleCopy;
  private final String agentCopyName;

  /** Agent name → that agent's temporary directory, asked once. */
  private final Map<String, String> agentTempDirs = new HashMap<>();

  private final AtomicBoolean polling = new AtomicBoolean();
  private final Sink sink = new Sink();
  private volatile Consumer<String> stopper;
  private volatile ScheduledFuture<?> task;
  private boolean stopRequested;
  private String stopReason;
  private boolean changed;
  private int problemsShown;
  private volatile String lastExplained;

  TrialFeed(LiveSweep sweep, int number, String metricsFileName, StepContext context) {
    this.sweep = sweep;
    this.number = number;
    this.metricsFileName = metricsFileName;
    this.context = context;
    this.offsetsFile =
        new File(
                new File(new File(sweep.directory(), "trials"), Integer.toString(number)),
                "read.json")
            .toPath();
    this.offsets = loadOffsets(offsetsFile);
    this.consoleCopy = TrialConsoleTap.controllerCopy(sweep.directory(), number);
    this.agentCopyName =
        TrialConsoleTap.agentCopyName(sweep.run().getExternalizableId(), sweep.name(), number);
    this.console = new ServiceMessageParser("trial " + number + " console", sink);
  }

  int number() {
    return number;
  }

  /** Starts polling; {@code stopper} interrupts the trial's block with the scheduler's reason. */
  void start(Consumer<String> stopper) {
    this.stopper = stopper;
    task =
        Timer.get()
            .scheduleWithFixedDelay(
                () -> {
                  if (polling.compareAndSet(false, true)) {
                    Computer.threadPoolForRemoting.submit(
                        () -> {
                          try {
                            poll(false);
                          } finally {
                            polling.set(false);
                          }
                        });
                  }
                },
                POLL_SECONDS,
                POLL_SECONDS,
                TimeUnit.SECONDS);
  }

  /** Stops polling and reads what is left: the block has ended. */
  void finish() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
    poll(true);
  }

  /** The last decision printed, "trial 3 stopped at step 4: …"; null when none was. */
  String lastExplained() {
    return lastExplained;
  }

  /** Whether the scheduler told this trial to stop (its block is being or was interrupted). */
  synchronized boolean stopRequested() {
    return stopRequested;
  }

  /** Reads new output of every source, reports it, saves, and acts on a stop decision. */
  synchronized void poll(boolean finalPass) {
    try {
      FlowNode start = context.get(FlowNode.class);
      if (start == null) {
        return;
      }
      readCopy("console", new FilePath(consoleCopy), finalPass);
      List<FlowNode> inside = BlockNodes.inside(start);
      Set<String> agentsRead = new HashSet<>(); // one copy per agent, however many workspaces
      for (Map.Entry<String, FilePath> ws : BlockNodes.workspaces(start, inside).entrySet()) {
        FilePath workspace = ws.getValue();
        String agent = ws.getKey().substring(0, ws.getKey().indexOf(':'));
        if (workspace.isRemote() && agentsRead.add(agent)) {
          FilePath copy = agentCopy(agent, workspace);
          readCopy("console:" + agent, copy, finalPass);
          if (finalPass) {
            copy.act(new TrialConsoleTap.DeleteCopy());
          }
        }
        FilePath tmp = BlockNodes.tempDir(workspace);
        if (tmp != null) {
          readMetricsFile(ws.getKey(), tmp.child(metricsFileName), finalPass);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.FINE, "reading trial " + number + " of sweep " + sweep.name(), e);
      if (finalPass) {
        logger()
            .println(
                "Sweep "
                    + sweep.name()
                    + ": could not read all of trial "
                    + number
                    + "'s output: "
                    + e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (changed) {
      changed = false;
      saveOffsets();
      sweep.save();
    }
    if (stopReason != null) {
      String reason = stopReason;
      stopReason = null;
      Consumer<String> s = stopper;
      if (s != null && !finalPass) {
        s.accept(reason);
      }
    }
  }

  /** The copy of the trial's message lines on an agent, in its temporary directory. */
  private FilePath agentCopy(String agent, FilePath workspace)
      throws IOException, InterruptedException {
    String dir = agentTempDirs.get(agent);
    if (dir == null) {
      dir = workspace.getChannel().call(new TrialConsoleTap.AgentTempDir());
      agentTempDirs.put(agent, dir);
    }
    return new FilePath(workspace.getChannel(), dir).child(agentCopyName);
  }

  /** New lines of a copy of the trial's message lines, from where the last poll stopped. */
  private void readCopy(String key, FilePath copy, boolean complete)
      throws IOException, InterruptedException {
    long offset = offsets.getOrDefault(key, 0L);
    byte[] data = copy.act(new ReadFrom(offset, FILE_CHUNK));
    if (data.length == 0) {
      return;
    }
    int consumed =
        lines(
            data,
            complete,
            (b, off, len) -> consoleLine(new String(b, off, len, StandardCharsets.UTF_8)));
    if (consumed > 0) {
      offsets.put(key, offset + consumed);
      changed = true;
    }
  }

  private void consoleLine(String raw) {
    if (!ServiceMessageStamp.mayHoldMessage(raw) || ServiceMessageStamp.isShellTrace(raw)) {
      return; // `sh` traces each command: the command's own output follows
    }
    console.acceptLine(ConsoleNote.removeNotes(raw));
  }

  private void readMetricsFile(String where, FilePath file, boolean complete)
      throws IOException, InterruptedException {
    String key = "file:" + where;
    long offset = offsets.getOrDefault(key, 0L);
    byte[] data = file.act(new ReadFrom(offset, FILE_CHUNK));
    if (data.length == 0) {
      return;
    }
    JsonLinesReader reader =
        files.computeIfAbsent(key, k -> new JsonLinesReader(file.getName(), sink));
    int consumed = lines(data, complete, reader::acceptLine);
    if (consumed > 0) {
      offsets.put(key, offset + consumed);
      changed = true;
    }
  }

  /**
   * Hands complete lines (and, when {@code complete}, a last one without an end) to the handler.
   */
  private static int lines(byte[] data, boolean complete, LineHandler handler) {
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
        handler.line(data, start, end - start);
        start = i + 1;
      }
    }
    if (complete && start < data.length) {
      handler.line(data, start, data.length - start);
      start = data.length;
    }
    return start;
  }

  @FunctionalInterface
  private interface LineHandler {
    void line(byte[] buffer, int offset, int length);
  }

  /** Feeds metric points to the controller; prints its noteworthy decisions in the trial's log. */
  private final class Sink implements CaptureSink {
    @Override
    public void metric(MetricPoint point) {
      Decision decision =
          sweep.controller().report(number, point.key(), point.step(), point.value());
      if (decision == null) {
        return;
      }
      changed = true;
      if (decision.noteworthy()) {
        lastExplained = decision.explain();
        logger().println("Sweep " + sweep.name() + ": " + lastExplained);
      }
      if (decision.action() == Decision.Action.STOP && !stopRequested) {
        stopRequested = true;
        stopReason = decision.explain();
      }
    }

    @Override
    public void problem(CaptureProblem problem) {
      if (problemsShown++ < MAX_PROBLEMS_SHOWN) {
        logger().println("Sweep " + sweep.name() + ", trial " + number + ": skipped " + problem);
      }
    }
  }

  private PrintStream logger() {
    try {
      TaskListener listener = context.get(TaskListener.class);
      if (listener != null) {
        return listener.getLogger();
      }
    } catch (IOException | InterruptedException e) {
      LOGGER.log(Level.FINE, "no listener for trial " + number, e);
    }
    return TaskListener.NULL.getLogger();
  }

  private void saveOffsets() {
    try {
      AtomicFiles.writeString(
          offsetsFile, Json.compact().writeValueAsString(new TreeMap<>(offsets)));
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.WARNING, "cannot save what was read of trial " + number, e);
    }
  }

  private static Map<String, Long> loadOffsets(Path file) {
    if (!Files.isRegularFile(file)) {
      return new HashMap<>();
    }
    try {
      return new HashMap<>(
          Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, Long>>() {}));
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "cannot read " + file + "; reading the trial's output again", e);
      return new HashMap<>();
    }
  }
}
