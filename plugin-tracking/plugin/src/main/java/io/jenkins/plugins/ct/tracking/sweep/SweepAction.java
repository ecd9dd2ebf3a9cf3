package io.jenkins.plugins.ct.tracking.sweep;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Api;
import hudson.model.Run;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.SweepResult;
import io.ctsuite.tracking.sweep.SweepSpec;
import io.ctsuite.tracking.sweep.SweepState;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * A sweep of a build ({@code …/sweep-<name>/}, JSON at {@code …/sweep-<name>/api/json}): its trials
 * with their parameters, status and the scheduler's reasons, the best configuration and the compute
 * saved. build.xml keeps only the name, a description and the summary sentence; the trials are read
 * from the sweep's state file in the build directory (or, while the sweep runs, from its live
 * controller), and a finished sweep's state is kept behind a weak reference.
 */
@ExportedBean(defaultVisibility = 2)
public final class SweepAction implements RunAction2 {
  private static final Logger LOGGER = Logger.getLogger(SweepAction.class.getName());

  /** running, finished, or incomplete (the build ended before the sweep finished). */
  static final String RUNNING = "running";

  static final String FINISHED = "finished";
  static final String INCOMPLETE = "incomplete";

  private final String name;
  private final String description;
  private String status = RUNNING;
  private String summary;
  private transient Run<?, ?> owner;
  private transient volatile Cached cache;

  SweepAction(String name, String description) {
    this.name = name;
    this.description = description;
  }

  /** The action of that sweep in the build, or {@code null}. */
  @CheckForNull
  static SweepAction of(Run<?, ?> run, String name) {
    for (SweepAction action : run.getActions(SweepAction.class)) {
      if (action.name.equals(name)) {
        return action;
      }
    }
    return null;
  }

  @Override
  public void onAttached(Run<?, ?> r) {
    owner = r;
  }

  @Override
  public void onLoad(Run<?, ?> r) {
    owner = r;
  }

  public Run<?, ?> getOwner() {
    return owner;
  }

  @Override
  public String getIconFileName() {
    return "symbol-analytics";
  }

  @Override
  public String getDisplayName() {
    return "Sweep " + name;
  }

  @Override
  public String getUrlName() {
    return "sweep-" + name;
  }

  public Api getApi() {
    return new Api(this);
  }

  @Exported
  public String getName() {
    return name;
  }

  /** The scheduler and its settings, the number of trials, the metric. */
  @Exported
  public String getDescription() {
    return description;
  }

  @Exported
  public String getStatus() {
    return status;
  }

  /** One sentence: the best trial, the compute saved, how the trials ended. */
  @Exported
  public String getSummary() {
    if (summary != null && !RUNNING.equals(status)) {
      return summary;
    }
    SweepState state = state();
    return state == null ? "" : SweepResult.of(state).summary();
  }

  @Exported
  public String getMetric() {
    SweepState state = state();
    return state == null ? null : state.spec().metric();
  }

  @Exported
  public String getMode() {
    SweepState state = state();
    return state == null ? null : state.spec().mode();
  }

  /** asha, median or fifo. */
  @Exported
  public String getScheduler() {
    SweepState state = state();
    return state == null ? null : state.spec().scheduler().type();
  }

  /** The unit of progress and compute: step, reports, or a metric such as epoch. */
  @Exported
  public String getTimeAttr() {
    SweepState state = state();
    return state == null ? null : state.spec().scheduler().timeAttr();
  }

  @Exported
  public int getTrialsPlanned() {
    SweepState state = state();
    return state == null ? 0 : state.spec().trials();
  }

  @Exported
  public int getParallel() {
    SweepState state = state();
    return state == null ? 0 : state.spec().parallel();
  }

  /** The trials started so far, by number, each with its leaderboard rank. */
  @Exported
  public List<SweepTrialRow> getTrials() {
    List<SweepTrialRow> rows = getLeaderboard();
    rows.sort(Comparator.comparingInt(SweepTrialRow::getNumber));
    return rows;
  }

  /** The trials best first (by their last value); those that reported nothing last. */
  public List<SweepTrialRow> getLeaderboard() {
    SweepState state = state();
    List<SweepTrialRow> rows = new ArrayList<>();
    if (state == null) {
      return rows;
    }
    int rank = 0;
    for (Trial trial : SweepResult.of(state).leaderboard()) {
      rows.add(new SweepTrialRow(trial, trial.reports() == 0 ? 0 : ++rank));
    }
    return rows;
  }

  /** The best completed trial (else the best of all); null before any report. */
  @Exported
  @CheckForNull
  public SweepTrialRow getBest() {
    SweepState state = state();
    if (state == null) {
      return null;
    }
    Optional<Trial> best = SweepResult.of(state).best();
    if (best.isEmpty()) {
      return null;
    }
    for (SweepTrialRow row : getLeaderboard()) {
      if (row.getNumber() == best.get().number()) {
        return row;
      }
    }
    return null;
  }

  /**
   * Compute used against running every trial to max_t: {@code unit}, {@code used}, {@code budget}
   * and {@code saved} (a fraction; null without a finite budget), and the trials by status.
   */
  @Exported
  public Map<String, Object> getCompute() {
    SweepState state = state();
    return state == null ? new LinkedHashMap<>() : SweepResult.of(state).computeMap();
  }

  /** "44 % of the compute saved: 30 of 54 steps used, against running every trial to max_t". */
  public String getComputeText() {
    SweepState state = state();
    if (state == null) {
      return "";
    }
    var compute = SweepResult.of(state).compute();
    String unit = state.spec().scheduler().timeAttr();
    String units = unit.endsWith("s") ? unit : unit + "s";
    String used = ParamFormat.format(ParamFormat.round(compute.used()));
    if (Double.isNaN(compute.savedFraction())) {
      return used + " " + units + " used (no max_t, so no budget to compare with)";
    }
    return String.format(
        java.util.Locale.ROOT,
        "%.0f %% of the compute saved: %s of %s %s used, against running every trial to max_t",
        100 * compute.savedFraction(),
        used,
        ParamFormat.format(compute.budget()),
        units);
  }

  /** The parameter names of the trials, in the space's order, for the table's columns. */
  public List<String> getParamNames() {
    SweepState state = state();
    LinkedHashSet<String> names = new LinkedHashSet<>();
    if (state != null) {
      state.spec().searchSpace().parameters().forEach(p -> names.add(p.name()));
      state.trials().forEach(t -> names.addAll(t.params().keySet()));
    }
    return new ArrayList<>(names);
  }

  public String brief(Double value) {
    return value == null ? "" : Objective.brief(value);
  }

  public boolean isRunning() {
    return RUNNING.equals(status);
  }

  /** Records the outcome; the page and the API then read the stored state. */
  synchronized void finished(SweepResult result) {
    status = FINISHED;
    summary = result.summary();
    cache = null;
    save();
  }

  /** The build ended before {@code finish}: the page shows the sweep as it stood. */
  synchronized void incomplete() {
    if (!RUNNING.equals(status)) {
      return;
    }
    status = INCOMPLETE;
    SweepState state = state();
    summary =
        (state == null ? "" : SweepResult.of(state).summary() + " ")
            + "The build ended before the sweep finished.";
    save();
  }

  private void save() {
    try {
      if (owner != null) {
        owner.save();
      }
    } catch (java.io.IOException e) {
      LOGGER.log(Level.WARNING, "cannot save the sweep " + name + " of " + owner, e);
    }
  }

  /**
   * The live state while the sweep runs in this JVM, else the stored one. A page or an API call
   * asks many times in a row: the state is taken at most once a second while the sweep runs, and
   * kept behind a weak reference once it is over.
   */
  @CheckForNull
  SweepState state() {
    if (owner == null) {
      return null;
    }
    long now = System.currentTimeMillis();
    Cached cached = cache;
    SweepState kept = cached == null ? null : cached.state().get();
    if (kept != null && (!RUNNING.equals(status) || now - cached.at() < 1000)) {
      return kept;
    }
    SweepState state;
    LiveSweep live = LiveSweep.ifLive(owner, name);
    if (live != null) {
      state = live.controller().state();
    } else {
      try {
        state = LiveSweep.store(owner).load(name).orElse(null);
      } catch (InputException | java.io.UncheckedIOException e) {
        LOGGER.log(Level.WARNING, "cannot read the sweep " + name + " of " + owner, e);
        return null;
      }
    }
    cache = new Cached(now, new WeakReference<>(state));
    return state;
  }

  private record Cached(long at, WeakReference<SweepState> state) {}

  /** The spec as stored, for the page's settings line. */
  @CheckForNull
  public SweepSpec getSpec() {
    SweepState state = state();
    return state == null ? null : state.spec();
  }
}
