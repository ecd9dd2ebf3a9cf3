package io.jenkins.plugins.ct.tracking.sweep;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.SweepController;
import io.ctsuite.tracking.sweep.SweepSpec;
import io.ctsuite.tracking.sweep.SweepState;
import io.ctsuite.tracking.sweep.SweepStore;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.TrialStatus;
import java.io.File;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep of a running build: the model's {@link SweepController} (every decision is its) and the
 * store that keeps its state in the build directory, {@code <build>/ct/sweeps/<name>/sweep.json}
 * (so {@code ct sweep show <name> --store <build>/ct} reads it too).
 *
 * <p>The live sweeps of running builds are kept here by build and name. After a controller restart
 * the first step that asks for a sweep loads it from its file with {@link SweepController#adopt}:
 * the trials that were running are Pipeline branches, which survive the restart, so they keep
 * running with their progress.
 */
final class LiveSweep {
  private static final Map<String, LiveSweep> LIVE = new ConcurrentHashMap<>();

  private final Run<?, ?> run;
  private final SweepController controller;
  private final SweepStore store;
  private final Map<Integer, TrialFeed> feeds = new ConcurrentHashMap<>();

  private LiveSweep(Run<?, ?> run, SweepController controller) {
    this.run = run;
    this.controller = controller;
    this.store = store(run);
  }

  /** Where a build keeps its sweeps: {@code <build>/ct/sweeps}. */
  static SweepStore store(Run<?, ?> run) {
    return new SweepStore(new File(new File(run.getRootDir(), "ct"), "sweeps").toPath());
  }

  private static String key(Run<?, ?> run, String name) {
    return run.getExternalizableId() + "#" + name;
  }

  /** Starts a new sweep in the build; refuses a name the build already used. */
  static LiveSweep start(Run<?, ?> run, SweepSpec spec) throws AbortException {
    String name = spec.name();
    if (store(run).exists(name) || LIVE.containsKey(key(run, name))) {
      throw new AbortException(
          "A sweep named '" + name + "' was already started in this build; give another name.");
    }
    LiveSweep sweep = new LiveSweep(run, SweepController.start(spec, System::currentTimeMillis));
    LIVE.put(key(run, name), sweep);
    sweep.save();
    return sweep;
  }

  /** The sweep of that name in the build, loaded from its file after a restart. */
  static LiveSweep of(Run<?, ?> run, String name) throws AbortException {
    if (name == null || name.isBlank()) {
      throw new AbortException(
          "Name the sweep: pass the id that sweepDecision(action: 'start') returned.");
    }
    LiveSweep live = LIVE.get(key(run, name));
    if (live != null) {
      return live;
    }
    synchronized (LIVE) {
      live = LIVE.get(key(run, name));
      if (live == null) {
        Optional<SweepState> state;
        try {
          state = store(run).load(name);
        } catch (InputException e) {
          throw new AbortException("Sweep '" + name + "': " + e.getMessage());
        }
        if (state.isEmpty()) {
          throw new AbortException(
              "No sweep '"
                  + name
                  + "' in this build: start it first with sweepDecision(action: 'start').");
        }
        live = new LiveSweep(run, SweepController.adopt(state.get(), System::currentTimeMillis));
        LIVE.put(key(run, name), live);
      }
      return live;
    }
  }

  /** The live sweep if this JVM runs it now, else {@code null} (finished, or not yet reloaded). */
  @CheckForNull
  static LiveSweep ifLive(Run<?, ?> run, String name) {
    return LIVE.get(key(run, name));
  }

  /** Drops the build's sweeps from memory (the build ended); their files stay. */
  static void forget(Run<?, ?> run) {
    String prefix = run.getExternalizableId() + "#";
    LIVE.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** Drops this sweep from memory once it is finished. */
  void forget() {
    LIVE.remove(key(run, name()));
  }

  Run<?, ?> run() {
    return run;
  }

  String name() {
    return controller.spec().name();
  }

  SweepController controller() {
    return controller;
  }

  /** The sweep's directory in the build: state, and per trial what was read of its output. */
  File directory() {
    return store.directory(name()).toFile();
  }

  /** Writes the state (atomically); called after every change that matters for a restart. */
  void save() {
    synchronized (controller) {
      store.save(controller.state());
    }
  }

  /** The trial, which must be running: handed out by {@code next} and not yet ended. */
  Trial running(int number) throws AbortException {
    for (Trial trial : controller.trials()) {
      if (trial.number() == number) {
        if (trial.status() != TrialStatus.RUNNING) {
          throw new AbortException(
              "Trial "
                  + number
                  + " of sweep '"
                  + name()
                  + "' is "
                  + trial.status().id()
                  + "; run only the trials sweepDecision(action: 'next') hands out, once.");
        }
        return trial;
      }
    }
    throw new AbortException(
        "Sweep '"
            + name()
            + "' has no trial "
            + number
            + " yet; run only the trials sweepDecision(action: 'next') hands out.");
  }

  /** The reader of a running trial's output, created when its block starts or resumes. */
  TrialFeed feed(int number, java.util.function.Supplier<TrialFeed> create) {
    return feeds.computeIfAbsent(number, n -> create.get());
  }

  @CheckForNull
  TrialFeed feed(int number) {
    return feeds.get(number);
  }

  void dropFeed(int number) {
    feeds.remove(number);
  }
}
