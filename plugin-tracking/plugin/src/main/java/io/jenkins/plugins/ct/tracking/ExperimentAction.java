package io.jenkins.plugins.ct.tracking;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.ParamValues;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.session.RunView;
import io.ctsuite.tracking.store.RunStore;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The experiments a build tracked ({@code …/experiment/}, JSON at {@code …/experiment/api/json}).
 * build.xml keeps each run's summary (a few KB); the series live in {@code <build>/ct-tracking/<run
 * id>/} and are read only by the detail page and the chart endpoint.
 */
@ExportedBean(defaultVisibility = 2)
public final class ExperimentAction implements RunAction2 {
  // ct-gpu-agents reads this directory (a RunStore) for GPU utilisation: keep name and format.
  static final String DIR = "ct-tracking";
  static final String URL = "experiment";
  private static final Logger LOGGER = Logger.getLogger(ExperimentAction.class.getName());

  /** A running run's view is fetched from its node at most this often, whoever asks. */
  private static final long LIVE_CACHE_MILLIS = 2000;

  private final List<ExperimentRun> runs = new ArrayList<>();
  private transient Run<?, ?> owner;
  private transient Map<String, CachedView> views;

  private record CachedView(long at, String json) {}

  /** The build's action, added on first use. */
  static ExperimentAction of(Run<?, ?> build) throws IOException {
    synchronized (build) {
      ExperimentAction action = build.getAction(ExperimentAction.class);
      if (action == null) {
        action = new ExperimentAction();
        build.addAction(action);
        build.save();
      }
      return action;
    }
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
    return "/plugin/ct-tracking/icons/experiment.svg";
  }

  @Override
  public String getDisplayName() {
    return "Experiment";
  }

  @Override
  public String getUrlName() {
    return URL;
  }

  /** The JSON/XML API: {@code …/experiment/api/json}. */
  public hudson.model.Api getApi() {
    return new hudson.model.Api(this);
  }

  @Exported(inline = true)
  public synchronized List<ExperimentRun> getRuns() {
    return new ArrayList<>(runs);
  }

  /** The run of that id or name (the last of that name), or {@code null}. */
  @CheckForNull
  public synchronized ExperimentRun getRun(String idOrName) {
    if (idOrName == null) {
      return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }
    for (ExperimentRun r : runs) {
      if (r.getId().equals(idOrName)) {
        return r;
      }
    }
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).getName().equals(idOrName)) {
        return runs.get(i);
      }
    }
    return null;
  }

  /**
   * A new run id: the build number and the experiment's name ({@code b42-phase-recognition}),
   * numbered when a build tracks the same name twice.
   */
  synchronized String newRunId(String name) {
    String base = "b" + owner.getNumber() + "-" + slug(name);
    String id = base;
    for (int n = 2; hasId(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private boolean hasId(String id) {
    return runs.stream().anyMatch(r -> r.getId().equals(id));
  }

  static String slug(String name) {
    String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    s = s.replaceAll("[^a-z0-9._@+-]+", "-").replaceAll("-{2,}", "-").replaceAll("^[-.]+|-+$", "");
    s = s.replace("..", ".");
    if (s.isEmpty()) {
      s = "run";
    }
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  /**
   * Records a run that starts now, RUNNING until {@link #finished}: allocates its id and keeps it
   * in one step, so that parallel branches tracking the same name get different ids.
   */
  synchronized ExperimentRun startRun(
      String name,
      java.util.function.Function<String, RunHandle> handle,
      java.util.function.Function<String, RunSummary> running)
      throws IOException {
    String id = newRunId(name);
    ExperimentRun run =
        new ExperimentRun(id, name, handle.apply(id), ExperimentRun.text(running.apply(id)));
    runs.add(run);
    owner.save();
    return run;
  }

  /** Records a run captured in one go (publishExperiment, logMetric outside a block). */
  synchronized ExperimentRun add(
      String name, RunSummary summary, RunSeries metrics, RunSeries system) throws IOException {
    ExperimentRun run = getRunById(summary.id());
    if (run == null) {
      run = new ExperimentRun(summary.id(), name, null, ExperimentRun.text(summary));
      runs.add(run);
    } else {
      run.setSummary(summary);
    }
    store().save(summary, metrics, system);
    forget(summary.id());
    owner.save();
    JobRuns.record(owner.getParent(), summary);
    return run;
  }

  /**
   * Changes the build's directly recorded run of that name ({@code logMetric} and friends outside a
   * block), creating it on first use; it is FINISHED after every change.
   */
  synchronized ExperimentRun recordDirectly(
      String name,
      java.util.function.Consumer<io.ctsuite.tracking.capture.RunRecorder> change,
      java.util.function.UnaryOperator<RunSummary> adjust)
      throws IOException {
    ExperimentRun existing = null;
    for (ExperimentRun r : runs) {
      if (r.getHandle() == null && r.getName().equals(name)) {
        existing = r;
      }
    }
    io.ctsuite.tracking.capture.RunRecorder recorder;
    long now = System.currentTimeMillis();
    if (existing == null) {
      recorder =
          io.ctsuite.tracking.capture.RunRecorder.start(newRunId(name), name, now)
              .name(owner.getFullDisplayName());
      recorder.tag("jenkins.job", owner.getParent().getFullName());
      recorder.tag("jenkins.build", Integer.toString(owner.getNumber()));
    } else {
      String id = existing.getId();
      recorder =
          io.ctsuite.tracking.capture.RunRecorder.resume(
              existing.getSummary(), store().metrics(id), store().system(id));
    }
    change.accept(recorder);
    recorder.finish(io.ctsuite.tracking.run.RunStatus.FINISHED, now, null);
    RunSummary summary = adjust.apply(recorder.summary());
    return add(name, summary, recorder.metrics(), recorder.system());
  }

  /** Stores the final summary of a run whose series were copied into {@link #bulkDir}. */
  synchronized void finished(String id, RunSummary summary) throws IOException {
    ExperimentRun run = getRunById(id);
    if (run == null) {
      throw new IOException("run " + id + " is not part of " + owner);
    }
    run.setSummary(summary);
    store().saveSummary(summary);
    forget(id);
    owner.save();
    JobRuns.record(owner.getParent(), summary);
  }

  @CheckForNull
  synchronized ExperimentRun getRunById(String id) {
    for (ExperimentRun r : runs) {
      if (r.getId().equals(id)) {
        return r;
      }
    }
    return null;
  }

  /** The build's tracking directory: one run-store entry per run. */
  File dir() {
    return new File(owner.getRootDir(), DIR);
  }

  RunStore store() {
    return new RunStore(dir().toPath());
  }

  File bulkDir(String id) {
    return new File(dir(), id);
  }

  /** The series of a finished run, read from the build directory. */
  public RunSeries metricSeries(String id) {
    return store().metrics(id);
  }

  // ---- views ------------------------------------------------------------------------------

  /** Whether any run of this build is still being recorded (the page then polls). */
  public synchronized boolean isRunning() {
    return runs.stream().anyMatch(ExperimentRun::isRunning);
  }

  /**
   * The page view of one run: summary, a chart per metric and the system charts, as JSON. A running
   * run is read from its node (live); a finished one from the build directory.
   */
  public HttpResponse doView(@QueryParameter String run) {
    owner.checkPermission(Item.READ);
    ExperimentRun r = getRun(run);
    if (r == null) {
      return HttpResponses.notFound();
    }
    return new JsonResponse(viewJson(r));
  }

  /** The summary of one run in the run.json format (for tools: gates, scripts). */
  public HttpResponse doSummary(@QueryParameter String run) {
    owner.checkPermission(Item.READ);
    ExperimentRun r = getRun(run);
    if (r == null) {
      return HttpResponses.notFound();
    }
    return new JsonResponse(r.getSummaryJson());
  }

  String viewJson(ExperimentRun r) {
    String id = r.getId();
    synchronized (this) {
      if (views == null) {
        views = new HashMap<>();
      }
      CachedView cached = views.get(id);
      if (cached != null
          && (!r.isRunning() || System.currentTimeMillis() - cached.at() < LIVE_CACHE_MILLIS)) {
        return cached.json();
      }
    }
    String json = r.isRunning() ? liveView(r) : storedView(r);
    synchronized (this) {
      views.put(id, new CachedView(System.currentTimeMillis(), json));
    }
    return json;
  }

  private synchronized void forget(String id) {
    if (views != null) {
      views.remove(id);
    }
  }

  private String storedView(ExperimentRun r) {
    RunStore store = store();
    try {
      if (store.exists(r.getId())) {
        return RunView.text(RunView.of(store, r.getId(), RunView.DEFAULT_MAX_POINTS));
      }
    } catch (InputException e) {
      LOGGER.log(Level.WARNING, "cannot read the series of " + r.getId() + " in " + owner, e);
    }
    return RunView.text(
        RunView.of(
            r.getSummary(), RunSeries.empty(), RunSeries.empty(), RunView.DEFAULT_MAX_POINTS));
  }

  /** Asks the run's node; while it cannot answer, the summary recorded at the start is shown. */
  private String liveView(ExperimentRun r) {
    RunHandle h = r.getHandle();
    FilePath dir = h == null ? null : h.runDirPath();
    if (dir != null) {
      try {
        Sessions.handOverControllerConsole(this, h, dir);
        return dir.act(new AgentSessions.ReadView(RunView.DEFAULT_MAX_POINTS));
      } catch (IOException e) {
        LOGGER.log(Level.FINE, "no live view of " + r.getId(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return storedView(r);
  }

  // ---- the summary box --------------------------------------------------------------------

  /** A param whose value differs from the same experiment's run in the previous build. */
  public record ParamChange(String key, String before, String after) {}

  /** Params of {@code r} that differ from the last earlier build that tracked the same name. */
  public List<ParamChange> changedParams(ExperimentRun r) {
    List<ParamChange> changes = new ArrayList<>();
    ExperimentRun previous = previousRun(r);
    if (previous == null) {
      return changes;
    }
    RunComparison diff =
        RunComparison.of(
            List.of(previous.getSummary(), r.getSummary()),
            io.ctsuite.tracking.run.MetricSummary.ValueKind.LAST);
    for (RunComparison.ParamDiff d : diff.differingParams()) {
      changes.add(new ParamChange(d.key(), format(d.values().get(0)), format(d.values().get(1))));
    }
    return changes;
  }

  /**
   * The same experiment in the closest earlier build that has it (up to 20 builds back): the run of
   * that name at the same position among the build's runs of that name (a sweep's third trial
   * against the previous sweep's third), else its last run of that name.
   */
  @CheckForNull
  public ExperimentRun previousRun(ExperimentRun r) {
    int position = 0;
    for (ExperimentRun other : getRuns()) {
      if (other == r) {
        break;
      }
      if (other.getName().equals(r.getName())) {
        position++;
      }
    }
    Run<?, ?> b = owner.getPreviousBuild();
    for (int i = 0; b != null && i < 20; i++, b = b.getPreviousBuild()) {
      ExperimentAction a = b.getAction(ExperimentAction.class);
      if (a == null) {
        continue;
      }
      List<ExperimentRun> same = new ArrayList<>();
      for (ExperimentRun other : a.getRuns()) {
        if (other.getName().equals(r.getName()) && !other.isRunning()) {
          same.add(other);
        }
      }
      if (!same.isEmpty()) {
        return same.get(Math.min(position, same.size() - 1));
      }
    }
    return null;
  }

  private static String format(Object value) {
    return value == null ? "–" : ParamValues.format(value);
  }
}
