package io.jenkins.plugins.ct.tracking;

import hudson.remoting.VirtualChannel;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.run.DatasetRef;
import io.ctsuite.tracking.run.References;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.session.RunSession;
import io.ctsuite.tracking.session.RunView;
import io.ctsuite.tracking.store.RunJson;
import io.ctsuite.tracking.store.RunStore;
import io.ctsuite.tracking.system.GpuSource;
import io.ctsuite.tracking.system.NvidiaSmiSource;
import io.ctsuite.tracking.system.ProcReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jenkins.MasterToSlaveFileCallable;

/**
 * The run sessions of the JVM these callables run in (an agent, or the controller for the built-in
 * node), and the calls the controller makes on them. Each call names the run directory it acts on.
 *
 * <p>Only Strings and primitives travel: the callables' fields, and their results (a run's summary
 * or page view as JSON text). No model object crosses the channel, so remoting's class filter has
 * nothing of ours to allow.
 */
final class AgentSessions {
  /** How often a session reads its files and saves itself (what "live" means on the page). */
  static final Duration SAVE_EVERY = Duration.ofSeconds(3);

  /** A session saved more recently than this is owned by a process that still runs. */
  private static final long ALIVE_MILLIS = 4 * SAVE_EVERY.toMillis();

  private static final Map<String, RunSession> SESSIONS = new ConcurrentHashMap<>();

  private AgentSessions() {}

  private static String key(File runDir) {
    return runDir.getAbsoluteFile().toPath().normalize().toString();
  }

  /** Starts (or, after a controller restart, takes over) the session in the run directory. */
  static final class Start extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String runId;
    private final String family;
    private final String displayName;
    private final long startedAt;
    private final int intervalSeconds;
    private final String workspace;
    private final String tensorboard;
    private final String metrics;
    private final TreeMap<String, String> tags;
    private final String buildUrl;
    private final String datasetName;
    private final String datasetVersion;
    private final String gitCommit;

    /** A restart's call: continue a session found in the directory instead of starting anew. */
    private boolean takeOver;

    Start(
        String runId,
        String family,
        String displayName,
        long startedAt,
        int intervalSeconds,
        String workspace,
        String tensorboard,
        String metrics,
        Map<String, String> tags,
        Map<String, String> env) {
      this.runId = runId;
      this.family = family;
      this.displayName = displayName;
      this.startedAt = startedAt;
      this.intervalSeconds = intervalSeconds;
      this.workspace = workspace;
      this.tensorboard = tensorboard;
      this.metrics = metrics;
      this.tags = new TreeMap<>(tags);
      this.buildUrl = env.get("BUILD_URL");
      this.datasetName = env.get("CT_DATASET");
      this.datasetVersion = env.get("CT_DATASET_VERSION");
      this.gitCommit = env.get("GIT_COMMIT");
    }

    /** Makes this the call after a controller restart (the first start is over by then). */
    Start forTakeOver() {
      takeOver = true;
      return this;
    }

    /** Returns how the session came to be: "started", "resumed" or "running elsewhere". */
    @Override
    public String invoke(File runDir, VirtualChannel channel) throws IOException {
      String key = key(runDir);
      if (SESSIONS.containsKey(key)) {
        return "running";
      }
      Path dir = runDir.toPath();
      if (!takeOver) {
        deleteLeftovers(dir);
      }
      RunSession session;
      String how;
      if (RunSession.exists(dir)) {
        if (RunSession.savedStatus(dir) != RunStatus.RUNNING) {
          return "finished";
        }
        if (savedRecently(dir) && !(takeOver && isControllerJvm())) {
          // a controller restart left the first session running in this JVM (an older class
          // loader of the same plugin): it keeps going and still obeys the stop file
          return "running elsewhere";
        }
        session = RunSession.resume(dir, sources());
        how = "resumed";
      } else {
        session = RunSession.start(dir, recorder(), sources());
        how = "started";
      }
      Duration interval = Duration.ofSeconds(Math.max(1, intervalSeconds));
      session.monitorSystem(ProcReader.host(), gpus(interval), interval);
      session.autoSave(SAVE_EVERY, new File(workspace).toPath());
      SESSIONS.put(key, session);
      return how;
    }

    /**
     * A directory of the same name left by another job in a shared workspace, or by a job of the
     * same name deleted and created again, is not this run's.
     */
    private static void deleteLeftovers(Path dir) throws IOException {
      if (java.nio.file.Files.exists(dir)) {
        hudson.Util.deleteRecursive(dir.toFile());
      }
    }

    RunSession.Sources sources() {
      return new WorkspaceSources(new File(workspace), tensorboard, metrics);
    }

    RunRecorder recorder() {
      RunRecorder recorder = RunRecorder.start(runId, family, startedAt).name(displayName);
      tags.forEach(recorder::tag);
      References refs = References.none();
      if (buildUrl != null) {
        refs = refs.withBuildUrl(buildUrl);
      }
      if (gitCommit != null) {
        refs = refs.withGitCommit(gitCommit);
      }
      if (datasetName != null && datasetVersion != null) {
        refs = refs.withDataset(new DatasetRef(datasetName, datasetVersion));
      }
      return recorder.references(refs);
    }

    private static GpuSource gpus(Duration interval) {
      return NvidiaSmiSource.start(interval, note -> {});
    }
  }

  /**
   * Reads files written before (publishExperiment) as one finished run in the run directory and
   * returns its summary as run.json text; the series stay there for the controller to copy.
   */
  static final class Publish extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final Start spec;

    Publish(Start spec) {
      this.spec = spec;
    }

    @Override
    public String invoke(File runDir, VirtualChannel channel) throws IOException {
      Start.deleteLeftovers(runDir.toPath());
      RunSummary summary =
          RunSession.start(runDir.toPath(), spec.recorder(), spec.sources())
              .acceptOlderFiles()
              .finish(RunStatus.FINISHED, new File(spec.workspace).toPath());
      return new String(RunJson.toBytes(summary), StandardCharsets.UTF_8);
    }
  }

  /**
   * Ends the session and returns the run's summary as run.json text; the series stay in the run
   * directory for the controller to copy.
   */
  static final class Finish extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final String status;
    private final String workspace;
    private final String tensorboard;
    private final String metrics;

    Finish(RunStatus status, String workspace, String tensorboard, String metrics) {
      this.status = status.name();
      this.workspace = workspace;
      this.tensorboard = tensorboard;
      this.metrics = metrics;
    }

    @Override
    public String invoke(File runDir, VirtualChannel channel)
        throws IOException, InterruptedException {
      RunStatus wanted = RunStatus.valueOf(status);
      Path dir = runDir.toPath();
      Path ws = new File(workspace).toPath();
      RunSession session = SESSIONS.remove(key(runDir));
      RunSummary summary;
      if (session != null) {
        summary = session.finish(wanted, ws);
      } else if (!RunSession.exists(dir)) {
        throw new IOException("no tracked run in " + runDir + " (was the workspace deleted?)");
      } else {
        if (RunSession.savedStatus(dir) == RunStatus.RUNNING && savedRecently(dir)) {
          RunSession.requestStop(dir, wanted);
          waitUntilFinished(dir, 4 * ALIVE_MILLIS);
        }
        if (RunSession.savedStatus(dir) == RunStatus.RUNNING) {
          // nobody owns it any more (the agent restarted): finish it from what was saved
          summary =
              RunSession.resume(dir, new WorkspaceSources(ws.toFile(), tensorboard, metrics))
                  .finish(wanted, ws);
        } else {
          summary = store(dir).summary(dir.getFileName().toString());
        }
      }
      return new String(RunJson.toBytes(summary), StandardCharsets.UTF_8);
    }

    private static void waitUntilFinished(Path dir, long millis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (System.nanoTime() < deadline && RunSession.savedStatus(dir) == RunStatus.RUNNING) {
        Thread.sleep(200);
      }
    }
  }

  /** Asks the session to finish now (the build was aborted), wherever it runs. */
  static final class RequestStop extends MasterToSlaveFileCallable<Void> {
    private static final long serialVersionUID = 1L;
    private final String status;

    RequestStop(RunStatus status) {
      this.status = status.name();
    }

    @Override
    public Void invoke(File runDir, VirtualChannel channel) {
      if (RunSession.exists(runDir.toPath())) {
        RunSession.requestStop(runDir.toPath(), RunStatus.valueOf(status));
      }
      return null;
    }
  }

  /** The page view of the run as it stands (JSON text), thinned on the agent. */
  static final class ReadView extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    private final int maxPoints;

    ReadView(int maxPoints) {
      this.maxPoints = maxPoints;
    }

    @Override
    public String invoke(File runDir, VirtualChannel channel) throws IOException {
      Path dir = runDir.toPath();
      if (!RunSession.exists(dir)) {
        throw new IOException("no tracked run in " + runDir);
      }
      try {
        return RunView.text(RunView.of(store(dir), dir.getFileName().toString(), maxPoints));
      } catch (InputException e) {
        // caught between the series and the summary of a save: the next poll reads it whole
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  /** The run's summary as last saved (run.json text): a running run's state for the Pipeline. */
  static final class ReadSummary extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String invoke(File runDir, VirtualChannel channel) throws IOException {
      Path dir = runDir.toPath();
      if (!RunSession.exists(dir)) {
        throw new IOException("no tracked run in " + runDir);
      }
      return Files.readString(dir.resolve(RunStore.SUMMARY), StandardCharsets.UTF_8);
    }
  }

  private static RunStore store(Path runDir) {
    return new RunStore(runDir.toAbsolutePath().normalize().getParent());
  }

  /**
   * On the built-in node the session ran in the controller's JVM: after a restart it is gone for
   * sure, however recently it saved.
   */
  private static boolean isControllerJvm() {
    return jenkins.model.Jenkins.getInstanceOrNull() != null;
  }

  private static boolean savedRecently(Path dir) throws IOException {
    long modified = Files.getLastModifiedTime(dir.resolve(RunStore.SUMMARY)).toMillis();
    return System.currentTimeMillis() - modified < ALIVE_MILLIS;
  }
}
