package io.ctsuite.tracking.sweep.process;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.capture.CaptureProblem;
import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.sweep.SweepController;
import io.ctsuite.tracking.sweep.SweepStore;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.TrialStatus;
import io.ctsuite.tracking.sweep.schedule.Decision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Runs a sweep's trials as local processes, at most {@code parallel} at a time, feeding their
 * metrics to the {@link SweepController} as they appear and stopping the trials it says to stop.
 * The sweep state is saved whenever a trial starts or ends, and at most every second while metrics
 * arrive; each trial is also recorded as a tracked run (family = the sweep's name) when a run store
 * is given, so {@code ct track} shows the trials like any other runs.
 *
 * <p>{@link #abort()} (e.g. on Ctrl-C) stops every trial and leaves them running in the saved
 * state: a resumed sweep starts them again.
 */
public final class LocalSweepRunner {
  /**
   * How to run trials.
   *
   * @param command the trial command, with {@code {name}} placeholders
   * @param workDir where trials run
   * @param paramArgs whether to append {@code --name=value} arguments
   * @param stopGrace how long a stopped trial has between SIGTERM and SIGKILL
   * @param pollInterval how often metrics files are read
   */
  public record Options(
      List<String> command,
      Path workDir,
      boolean paramArgs,
      Duration stopGrace,
      Duration pollInterval) {

    public Options {
      if (command == null || command.isEmpty()) {
        throw new InputException("command: give the command each trial runs, after --");
      }
      command = List.copyOf(command);
    }
  }

  /** What happens, for a console or a log. Called from several threads. */
  public interface Listener {
    default void started(Trial trial, List<String> argv) {}

    /** A decision worth telling: a rung passed, a stop, a completion. */
    default void decided(Decision decision) {}

    default void ended(Trial trial, Path log) {}

    default void problem(int trial, String message) {}
  }

  private static final Duration SAVE_INTERVAL = Duration.ofSeconds(1);
  private static final Duration RUN_SAVE_INTERVAL = Duration.ofSeconds(10);

  private final SweepController controller;
  private final SweepStore store;
  private final RunStore runs;
  private final Options options;
  private final Listener listener;
  private final Set<String> parameterNames;
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "sweep stop timer");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean aborting;
  private boolean anyStarted;
  private long lastSave;

  /** A trial's process with what records it. */
  private record Running(
      Trial trial, TrialProcess process, RunRecorder recorder, long[] lastRunSave) {}

  /**
   * @param runs where trials are recorded as runs; null to not record them
   */
  public LocalSweepRunner(
      SweepController controller,
      SweepStore store,
      RunStore runs,
      Options options,
      Listener listener) {
    this.controller = controller;
    this.store = store;
    this.runs = runs;
    this.options = options;
    this.listener = listener;
    this.parameterNames =
        controller.spec().searchSpace().parameters().stream()
            .map(p -> p.name())
            .collect(Collectors.toSet());
  }

  /** Runs until every trial has ended, or until {@link #abort()}. */
  public void run() throws InterruptedException {
    try {
      save();
      while (true) {
        if (!aborting) {
          fillSlots();
        }
        if (running.isEmpty() && (aborting || !controller.hasMore())) {
          break;
        }
        Integer exited = exits.poll(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        for (Running trial : running.values()) {
          trial.process().pollMetricsFile(false, sinkFor(trial));
        }
        while (exited != null) {
          finish(exited);
          exited = exits.poll();
        }
        saveIfDue();
      }
      save();
    } finally {
      timer.shutdownNow();
      done.countDown();
    }
  }

  /**
   * Stops every trial (SIGTERM, then SIGKILL after the grace period) and makes {@link #run()}
   * return once they are gone, with the state saved. Trials it stopped stay running in the state,
   * so that resuming the sweep starts them again.
   */
  public void abort() {
    aborting = true;
    for (Running trial : running.values()) {
      trial.process().stop(options.stopGrace(), timer);
    }
  }

  /** Whether {@link #abort()} was called. */
  public boolean aborted() {
    return aborting;
  }

  /** Waits until {@link #run()} has returned, at most {@code timeout}. */
  public boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void fillSlots() {
    while (running.size() < controller.spec().parallel()) {
      var next = controller.next();
      if (next.isEmpty()) {
        return;
      }
      start(next.get());
    }
  }

  private void start(Trial trial) {
    String sweep = controller.spec().name();
    Path dir = store.trialDirectory(sweep, trial.number());
    String runId = runs == null ? null : sweep + "-t" + trial.number();
    List<String> argv =
        TrialCommand.argv(options.command(), trial.params(), options.paramArgs(), parameterNames);
    Map<String, String> env =
        TrialCommand.environment(
            sweep,
            trial.number(),
            trial.params(),
            dir.resolve(TrialProcess.METRICS).toAbsolutePath(),
            runId);
    RunRecorder recorder =
        runId == null ? null : RunRecorder.start(runId, sweep, trial.startedAt());
    if (recorder != null) {
      trial.params().forEach(recorder::param);
      recorder.tag("sweep", sweep);
      recorder.tag("sweep.trial", Integer.toString(trial.number()));
    }
    long[] lastRunSave = {0};
    Running[] self = new Running[1];
    TrialProcess process;
    try {
      process =
          TrialProcess.start(
              trial.number(), argv, env, options.workDir(), dir, new ForwardingSink(() -> self[0]));
    } catch (IOException e) {
      Trial failed = controller.failToStart(trial.number(), e.getMessage());
      save();
      listener.ended(failed, null);
      if (!anyStarted) {
        throw new InputException(
            "cannot run the trial command '" + argv.get(0) + "': " + e.getMessage());
      }
      return;
    }
    anyStarted = true;
    self[0] = new Running(trial, process, recorder, lastRunSave);
    running.put(trial.number(), self[0]);
    process.readOutput();
    process.process().onExit().thenRun(() -> exits.add(trial.number()));
    if (aborting) {
      process.stop(options.stopGrace(), timer);
    }
    saveRun(self[0]);
    save();
    listener.started(trial, argv);
  }

  private void finish(int number) throws InterruptedException {
    Running trial = running.get(number);
    if (trial == null) {
      return;
    }
    trial.process().awaitOutput(Duration.ofSeconds(10));
    trial.process().pollMetricsFile(true, sinkFor(trial));
    running.remove(number);
    if (aborting) {
      // left running in the state: a resumed sweep runs it again
      return;
    }
    Trial ended = controller.end(number, trial.process().process().exitValue());
    if (trial.recorder() != null) {
      trial.recorder().tag("sweep.outcome", ended.status().id());
      trial.recorder().finish(runStatus(ended.status()), ended.endedAt(), ended.exitCode());
      saveRun(trial);
    }
    save();
    listener.ended(ended, trial.process().log());
  }

  private static RunStatus runStatus(TrialStatus status) {
    return switch (status) {
      case COMPLETED -> RunStatus.FINISHED;
      case STOPPED -> RunStatus.KILLED;
      case FAILED -> RunStatus.FAILED;
      default -> RunStatus.RUNNING;
    };
  }

  private CaptureSink sinkFor(Running trial) {
    return new ForwardingSink(() -> trial);
  }

  /** Feeds a trial's captured metrics to the controller and its run record. */
  private final class ForwardingSink implements CaptureSink {
    private final java.util.function.Supplier<Running> trial;

    ForwardingSink(java.util.function.Supplier<Running> trial) {
      this.trial = trial;
    }

    @Override
    public void metric(MetricPoint point) {
      Running current = trial.get();
      if (current == null) {
        return;
      }
      if (current.recorder() != null) {
        current.recorder().metric(point);
      }
      Decision decision =
          controller.report(current.trial().number(), point.key(), point.step(), point.value());
      if (decision == null) {
        return;
      }
      dirty.set(true);
      if (decision.noteworthy()) {
        listener.decided(decision);
      }
      if (decision.stops()) {
        current.process().stop(options.stopGrace(), timer);
      }
    }

    @Override
    public void param(String key, Object value) {
      Running current = trial.get();
      if (current != null && current.recorder() != null) {
        current.recorder().param(key, value);
      }
    }

    @Override
    public void tag(String key, String value) {
      Running current = trial.get();
      if (current != null && current.recorder() != null) {
        current.recorder().tag(key, value);
      }
    }

    @Override
    public void problem(CaptureProblem problem) {
      Running current = trial.get();
      listener.problem(current == null ? 0 : current.trial().number(), problem.toString());
    }
  }

  private void saveIfDue() {
    long now = System.nanoTime();
    if (dirty.get() && now - lastSave >= SAVE_INTERVAL.toNanos()) {
      save();
    }
    for (Running trial : running.values()) {
      if (now - trial.lastRunSave()[0] >= RUN_SAVE_INTERVAL.toNanos()) {
        saveRun(trial);
      }
    }
  }

  private void save() {
    dirty.set(false);
    lastSave = System.nanoTime();
    store.save(controller.state());
  }

  private void saveRun(Running trial) {
    if (runs == null || trial.recorder() == null) {
      return;
    }
    trial.lastRunSave()[0] = System.nanoTime();
    RunRecorder recorder = trial.recorder();
    runs.save(recorder.summary(), recorder.metrics(), recorder.system());
  }
}
