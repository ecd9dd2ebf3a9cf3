package io.jenkins.plugins.ct.tracking;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.Metrics;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** What the controller does with a run's session: hand it console lines, stop it, finish it. */
final class Sessions {
  private static final Logger LOGGER = Logger.getLogger(Sessions.class.getName());
  private static final int PRINTED_WARNINGS = 5;

  private Sessions() {}

  /**
   * Copies the service-message lines that steps printed on the controller (e.g. {@code echo},
   * {@code logMetric}) into the run directory, where the session reads them like its own.
   */
  static void handOverControllerConsole(ExperimentAction action, RunHandle h, FilePath runDir)
      throws IOException, InterruptedException {
    File local = RunHandle.controllerConsole(action.dir(), h.getRunId());
    if (local.isFile()) {
      runDir.child("console-controller.log").copyFrom(new FilePath(local));
    }
  }

  static void requestStop(RunHandle h, RunStatus status) {
    try {
      FilePath dir = h.runDirPath();
      if (dir != null) {
        dir.act(new AgentSessions.RequestStop(status));
      }
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.FINE, "could not stop the session of " + h.getRunId(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Finishes the run's session on its node, copies the series into the build directory and records
   * the summary. Never throws: tracking must not turn a good training into a failed step, so a
   * problem is printed (the run then stays as last seen).
   */
  static void finish(
      StepContext context, RunHandle h, RunStatus status, String tensorboard, String metrics) {
    PrintStream log = null;
    try {
      TaskListener listener = context.get(TaskListener.class);
      log = listener.getLogger();
      Run<?, ?> build = context.get(Run.class);
      ExperimentAction action = ExperimentAction.of(build);
      FilePath runDir = h.runDirPath();
      if (runDir == null || runDir.getChannel() == null) {
        log.printf(
            "Experiment '%s': node '%s' is offline; run %s ends with what the build has of it.%n",
            h.getName(), h.getNode(), h.getRunId());
        lost(action, h, status);
        return;
      }
      handOverControllerConsole(action, h, runDir);
      String json =
          runDir.act(new AgentSessions.Finish(status, h.getWorkspace(), tensorboard, metrics));
      collect(action, h, runDir, json, log);
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.WARNING, "could not finish tracking run " + h.getRunId(), e);
      if (log != null) {
        log.printf("Experiment '%s': could not finish run %s: %s%n", h.getName(), h.getRunId(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The node is gone: the run ends with the summary the build recorded, and says why. */
  private static void lost(ExperimentAction action, RunHandle h, RunStatus status)
      throws IOException {
    ExperimentRun run = action.getRunById(h.getRunId());
    if (run == null || !run.isRunning()) {
      return;
    }
    action.finished(
        h.getRunId(),
        run.getSummary().toBuilder()
            .status(status == RunStatus.FINISHED ? RunStatus.FAILED : status)
            .endedAt(System.currentTimeMillis())
            .warning(
                "node '"
                    + h.getNode()
                    + "' went offline before the run ended: its points stayed on the node, in "
                    + h.getRunDir())
            .build());
  }

  /**
   * Records a run the node has finished: copies its series from the run directory into the build's
   * (streamed, never parsed on the controller), then keeps the summary and prints it.
   */
  static RunSummary collect(
      ExperimentAction action, RunHandle h, FilePath runDir, String summaryJson, PrintStream log)
      throws IOException, InterruptedException {
    RunSummary summary = ExperimentRun.parse(summaryJson, h.getRunId());
    File bulk = action.bulkDir(h.getRunId());
    for (String name : new String[] {RunStore.METRICS, RunStore.SYSTEM}) {
      FilePath from = runDir.child(name);
      if (from.exists()) {
        from.copyTo(new FilePath(new File(bulk, name)));
      }
    }
    action.finished(h.getRunId(), summary);
    print(log, h.getName(), summary, action.getOwner().getUrl() + ExperimentAction.URL + "/");
    return summary;
  }

  /** One calm line about the run, then its first capture warnings. */
  static void print(PrintStream log, String name, RunSummary s, String url) {
    long points = 0;
    for (MetricSummary m : s.metrics().values()) {
      points += m.count();
    }
    StringBuilder line =
        new StringBuilder()
            .append("Experiment '")
            .append(name)
            .append("' (run ")
            .append(s.id())
            .append(") ")
            .append(s.status().name().toLowerCase(Locale.ROOT))
            .append(": ")
            .append(s.metrics().size())
            .append(s.metrics().size() == 1 ? " metric, " : " metrics, ")
            .append(points)
            .append(points == 1 ? " point" : " points");
    for (Map.Entry<String, MetricSummary> e : s.metrics().entrySet()) {
      MetricSummary m = e.getValue();
      MetricSummary.Goal goal = RunComparison.guessGoal(e.getKey());
      line.append("; ")
          .append(e.getKey())
          .append(" last ")
          .append(Metrics.format(m.last()))
          .append(" (best ")
          .append(Metrics.format(m.value(MetricSummary.ValueKind.BEST, goal)))
          .append(')');
      if (line.length() > 300) {
        line.append("; …");
        break;
      }
    }
    if (!s.warnings().isEmpty()) {
      line.append("; ").append(s.warnings().size()).append(" capture warning(s)");
    }
    log.println(line.append(". Details: ").append(url));
    s.warnings().stream().limit(PRINTED_WARNINGS).forEach(w -> log.println("  warning: " + w));
  }
}
