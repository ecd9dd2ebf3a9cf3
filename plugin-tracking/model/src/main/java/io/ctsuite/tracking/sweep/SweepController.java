package io.ctsuite.tracking.sweep;

import io.ctsuite.tracking.sweep.sample.Sampler;
import io.ctsuite.tracking.sweep.schedule.Decision;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.schedule.TrialScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The decisions of one sweep, whatever runs its trials (local processes for {@code ct sweep run},
 * parallel branches in Jenkins): which trial starts next with which parameters, what each metric
 * report means for its trial, how trials end, and the leaderboard. Thread-safe: trial readers on
 * different threads may report at once.
 *
 * <p>Time: with {@code time_attr: step} a report's time is its step; with {@code reports} it is the
 * number of reports of the metric so far; with the name of another metric (say {@code epoch}) it is
 * that metric's last value, and reports made before it was first seen are recorded but not judged.
 */
public final class SweepController {
  private final SweepSpec spec;
  private final Sampler sampler;
  private final Objective objective;
  private final TrialScheduler scheduler;
  private final LongSupplier clock;
  private final List<Trial> trials = new ArrayList<>();
  private final Deque<Integer> again = new ArrayDeque<>();
  private final long createdAt;

  private SweepController(SweepSpec spec, LongSupplier clock, long createdAt) {
    this.spec = spec;
    this.sampler = spec.newSampler();
    this.objective = spec.objective();
    this.scheduler = spec.scheduler().create(objective);
    this.clock = clock;
    this.createdAt = createdAt;
  }

  /** A new sweep. */
  public static SweepController start(SweepSpec spec, LongSupplier clock) {
    return new SweepController(spec, clock, clock.getAsLong());
  }

  /**
   * Continues a stored sweep. Trials that were running lost their process with the controller: they
   * are marked interrupted, forgotten by the scheduler and started again first.
   */
  public static SweepController resume(SweepState state, LongSupplier clock) {
    SweepController controller = new SweepController(state.spec(), clock, state.createdAt());
    controller.scheduler.restore(state.scheduler());
    for (Trial stored : state.trials()) {
      Trial trial = stored.copy();
      controller.trials.add(trial);
      if (!trial.status().ended()) {
        if (trial.status() == TrialStatus.RUNNING) {
          trial.interrupted();
        }
        controller.scheduler.forget(trial.number());
        controller.again.add(trial.number());
      }
    }
    return controller;
  }

  /**
   * Continues a stored sweep whose running trials are still running: in Jenkins, a trial is a
   * Pipeline branch, which survives a controller restart. Running trials keep their progress and
   * their rung records; only trials marked interrupted are started again.
   */
  public static SweepController adopt(SweepState state, LongSupplier clock) {
    SweepController controller = new SweepController(state.spec(), clock, state.createdAt());
    controller.scheduler.restore(state.scheduler());
    for (Trial stored : state.trials()) {
      Trial trial = stored.copy();
      controller.trials.add(trial);
      if (trial.status() == TrialStatus.INTERRUPTED) {
        controller.scheduler.forget(trial.number());
        controller.again.add(trial.number());
      }
    }
    return controller;
  }

  public SweepSpec spec() {
    return spec;
  }

  public Objective objective() {
    return objective;
  }

  /** One line describing the scheduler and its settings. */
  public String schedulerDescription() {
    return scheduler.describe();
  }

  /**
   * The next trial to run, marked running: an interrupted one first, else a new one with freshly
   * sampled parameters. Empty when every trial has been started.
   */
  public synchronized Optional<Trial> next() {
    Trial trial;
    if (!again.isEmpty()) {
      trial = trials.get(again.poll() - 1);
    } else if (trials.size() < spec.trials()) {
      int number = trials.size() + 1;
      trial = new Trial(number, sampler.sample(number - 1L));
      trials.add(trial);
    } else {
      return Optional.empty();
    }
    trial.started(clock.getAsLong());
    return Optional.of(trial.copy());
  }

  /** Whether trials remain to be started. */
  public synchronized boolean hasMore() {
    return !again.isEmpty() || trials.size() < spec.trials();
  }

  /** Whether every trial has been started and has ended. */
  public synchronized boolean finished() {
    return !hasMore() && trials.stream().allMatch(t -> t.status().ended());
  }

  /**
   * A metric value a trial reported. Returns the scheduler's decision when the key is the sweep's
   * metric, or null when the report does not concern the scheduler (another metric, a trial that
   * has already been told to end, a time not yet known).
   */
  public synchronized Decision report(int number, String key, long step, double value) {
    Trial trial = trial(number);
    if (trial.status() != TrialStatus.RUNNING || trial.verdict() != null) {
      return null;
    }
    String timeAttr = spec.scheduler().timeAttr();
    if (!key.equals(objective.metric())) {
      if (key.equals(timeAttr)) {
        trial.timeMetric(value);
      }
      return null;
    }
    double time =
        switch (timeAttr) {
          case "step" -> step;
          case "reports" -> trial.reports() + 1;
          default -> trial.timeMetric();
        };
    boolean better = Double.isNaN(trial.bestValue()) || objective.better(value, trial.bestValue());
    if (Double.isNaN(time)) {
      trial.reported(trial.time(), value, better);
      return null;
    }
    trial.reported(time, value, better);
    Decision decision = scheduler.onReport(number, time, value);
    trial.decided(decision);
    return decision;
  }

  /**
   * A trial's process ended. A trial the scheduler stopped is STOPPED (or COMPLETED when it reached
   * max_t) whatever its exit code, since the signal caused that code; otherwise exit code 0 is
   * COMPLETED and anything else FAILED. Returns the trial as it ended.
   */
  public synchronized Trial end(int number, Integer exitCode) {
    Trial trial = trial(number);
    if (trial.status().ended()) {
      return trial.copy();
    }
    long now = clock.getAsLong();
    String verdict = trial.verdict();
    if ("STOP".equals(verdict)) {
      trial.ended(TrialStatus.STOPPED, exitCode, null, now);
    } else if ("COMPLETE".equals(verdict)) {
      trial.ended(TrialStatus.COMPLETED, exitCode, null, now);
    } else if (exitCode != null && exitCode == 0) {
      String why =
          trial.reports() == 0
              ? "ended without reporting " + objective.metric()
              : "completed: the process ended";
      trial.ended(TrialStatus.COMPLETED, exitCode, why, now);
    } else {
      String why =
          exitCode == null
              ? "failed: the process could not start"
              : "failed: exit code " + exitCode;
      trial.ended(TrialStatus.FAILED, exitCode, why, now);
    }
    return trial.copy();
  }

  /**
   * A trial whose runner ended it for a reason of its own (a Jenkins branch that failed, was
   * aborted or was lost): FAILED with that reason, unless the scheduler had already told it to stop
   * or complete, which the failure then only carried out.
   */
  public synchronized Trial fail(int number, String why) {
    Trial trial = trial(number);
    if (trial.status().ended()) {
      return trial.copy();
    }
    long now = clock.getAsLong();
    String verdict = trial.verdict();
    if ("STOP".equals(verdict)) {
      trial.ended(TrialStatus.STOPPED, null, null, now);
    } else if ("COMPLETE".equals(verdict)) {
      trial.ended(TrialStatus.COMPLETED, null, null, now);
    } else {
      trial.ended(TrialStatus.FAILED, null, why, now);
    }
    return trial.copy();
  }

  /** A trial that could not start at all (command not found): FAILED with the reason given. */
  public synchronized Trial failToStart(int number, String why) {
    Trial trial = trial(number);
    trial.ended(TrialStatus.FAILED, null, "failed to start: " + why, clock.getAsLong());
    return trial.copy();
  }

  /** Copies of all trials, by number. */
  public synchronized List<Trial> trials() {
    return trials.stream().map(Trial::copy).toList();
  }

  /** The trials ranked by their last value of the metric, best first; those without one last. */
  public synchronized List<Trial> leaderboard() {
    return Leaderboard.rank(trials(), objective);
  }

  /** The best trial that completed, or the best of all when none completed. */
  public synchronized Optional<Trial> best() {
    return Leaderboard.best(trials(), objective);
  }

  /** The state to persist. */
  public synchronized SweepState state() {
    return new SweepState(
        SweepState.SCHEMA, spec, trials(), scheduler.snapshot(), createdAt, clock.getAsLong());
  }

  /** Compute used against the budget of running every trial to max_t. */
  public synchronized ComputeSummary compute() {
    return ComputeSummary.of(spec, trials());
  }

  private Trial trial(int number) {
    if (number < 1 || number > trials.size()) {
      throw new IllegalArgumentException("no trial " + number + " in sweep " + spec.name());
    }
    return trials.get(number - 1);
  }
}
