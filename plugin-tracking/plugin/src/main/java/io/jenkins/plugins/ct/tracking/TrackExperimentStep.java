package io.jenkins.plugins.ct.tracking;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.util.FormValidation;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.session.RunSession;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code trackExperiment(name: 'phase-recognition', tensorboard: 'runs/**', metrics:
 * 'metrics/*.jsonl') { … }}: records everything the block's training produces as one run of the
 * experiment, shown live on the build page.
 *
 * <p>Design, chosen for robustness over restarts: the run's state lives in files in a run directory
 * on the agent ({@code <workspace>@tmp/ct-runs/<run id>}, the body's {@code CT_RUN_DIR}). A session
 * on the agent ({@link AgentSessions}) samples the system, reads the metric files, event files and
 * the service-message lines the console decorator copies there, and saves the run into that
 * directory every few seconds. The build page fetches a view of it through the node's channel when
 * someone looks (live); at the end of the block the session finishes on the agent and only the
 * summary (small) and the series files (copied, streamed) come to the controller. Nothing is held
 * only in memory, so a controller restart loses nothing: the session goes on (or is resumed from
 * its directory) and the step finishes it as usual.
 */
public final class TrackExperimentStep extends Step {
  private final String name;
  private String tensorboard;
  private String metrics;

  @DataBoundConstructor
  public TrackExperimentStep(String name) {
    this.name = Util.fixEmptyAndTrim(name);
  }

  public String getName() {
    return name;
  }

  public String getTensorboard() {
    return tensorboard;
  }

  /** Ant patterns (comma separated) of TensorBoard event files or directories. */
  @DataBoundSetter
  public void setTensorboard(String tensorboard) {
    this.tensorboard = Util.fixEmptyAndTrim(tensorboard);
  }

  public String getMetrics() {
    return metrics;
  }

  /** Ant patterns (comma separated) of metric files: JSON lines, CSV, logs with ##ct lines. */
  @DataBoundSetter
  public void setMetrics(String metrics) {
    this.metrics = Util.fixEmptyAndTrim(metrics);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** Starts the session, runs the body, finishes the session. */
  public static final class Execution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

    private final String name;
    private final String tensorboard;
    private final String metrics;
    private RunHandle handle;
    private AgentSessions.Start startCall;
    private BodyExecution body;

    Execution(StepContext context, TrackExperimentStep step) {
      super(context);
      this.name = step.name == null ? "experiment" : step.name;
      this.tensorboard = step.tensorboard;
      this.metrics = step.metrics;
    }

    @Override
    public boolean start() throws Exception {
      StepContext ctx = getContext();
      Run<?, ?> build = ctx.get(Run.class);
      FilePath workspace = ctx.get(FilePath.class);
      TaskListener listener = ctx.get(TaskListener.class);
      EnvVars env = ctx.get(EnvVars.class);
      Computer computer = ctx.get(Computer.class);
      Node node = computer == null ? null : computer.getNode();
      String nodeName = node == null ? "" : node.getNodeName();
      FilePath runs = WorkspaceList.tempDir(workspace).child("ct-runs");
      long started = System.currentTimeMillis();
      Map<String, String> tags = new TreeMap<>();
      tags.put("jenkins.job", build.getParent().getFullName());
      tags.put("jenkins.build", Integer.toString(build.getNumber()));
      String display = build.getFullDisplayName();

      ExperimentAction action = ExperimentAction.of(build);
      ExperimentRun run =
          action.startRun(
              name,
              id ->
                  new RunHandle(
                      id, name, nodeName, runs.child(id).getRemote(), workspace.getRemote()),
              id ->
                  RunSummary.builder(id)
                      .family(name)
                      .name(display)
                      .startedAt(started)
                      .tags(tags)
                      .build());
      handle = run.getHandle();
      FilePath runDir = runs.child(handle.getRunId());
      startCall =
          new AgentSessions.Start(
              handle.getRunId(),
              name,
              display,
              started,
              CtTrackingConfiguration.samplingIntervalOrDefault(),
              workspace.getRemote(),
              tensorboard,
              metrics,
              tags,
              env);
      runDir.act(startCall);
      listener
          .getLogger()
          .printf(
              "Tracking experiment '%s' as run %s: ##ct[...] lines, $CT_METRICS_FILE%s%s%n",
              name,
              handle.getRunId(),
              tensorboard == null ? "" : ", event files " + tensorboard,
              metrics == null ? "" : ", metric files " + metrics);

      Map<String, String> vars = new TreeMap<>();
      vars.put("CT_RUN_ID", handle.getRunId());
      vars.put("CT_RUN_DIR", runDir.getRemote());
      vars.put("CT_METRICS_FILE", runDir.child(RunSession.METRICS_FILE).getRemote());
      ServiceMessageDecorator decorator =
          new ServiceMessageDecorator(
              runDir.child(RunSession.CONSOLE_FILE).getRemote(),
              RunHandle.controllerConsole(action.dir(), handle.getRunId()).getAbsolutePath());
      body =
          ctx.newBodyInvoker()
              .withContexts(
                  EnvironmentExpander.merge(
                      ctx.get(EnvironmentExpander.class), EnvironmentExpander.constant(vars)),
                  TaskListenerDecorator.merge(ctx.get(TaskListenerDecorator.class), decorator),
                  handle)
              .withCallback(new Callback(handle, tensorboard, metrics))
              .start();
      return false;
    }

    /** Aborted: the session stops sampling at once; the body's end then finishes the run. */
    @Override
    public void stop(Throwable cause) throws Exception {
      RunHandle h = handle;
      if (h != null) {
        Computer.threadPoolForRemoting.submit(() -> Sessions.requestStop(h, RunStatus.KILLED));
      }
      if (body != null) {
        body.cancel(cause);
      } else {
        getContext().onFailure(cause);
      }
    }

    /**
     * After a controller restart the body goes on by itself; the session either survived in the
     * agent's JVM or is resumed from its directory (where it left off).
     */
    @Override
    public void onResume() {
      AgentSessions.Start call = startCall == null ? null : startCall.forTakeOver();
      RunHandle h = handle;
      if (call == null || h == null) {
        return;
      }
      Computer.threadPoolForRemoting.submit(
          () -> {
            try {
              FilePath dir = h.runDirPath();
              if (dir != null) {
                String how = dir.act(call);
                getContext()
                    .get(TaskListener.class)
                    .getLogger()
                    .printf("Tracking of run %s after the restart: %s%n", h.getRunId(), how);
              }
            } catch (IOException | RuntimeException e) {
              LOGGER.log(Level.WARNING, "could not resume tracking run " + h.getRunId(), e);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }

    @Override
    public String getStatus() {
      return handle == null ? "starting" : "tracking run " + handle.getRunId();
    }
  }

  /** Finishes the run when the body ends, off the Pipeline thread, then ends the step. */
  static final class Callback extends BodyExecutionCallback {
    private static final long serialVersionUID = 1L;
    private final RunHandle handle;
    private final String tensorboard;
    private final String metrics;

    Callback(RunHandle handle, String tensorboard, String metrics) {
      this.handle = handle;
      this.tensorboard = tensorboard;
      this.metrics = metrics;
    }

    @Override
    public void onSuccess(StepContext context, Object result) {
      Computer.threadPoolForRemoting.submit(
          () -> {
            try {
              Sessions.finish(context, handle, RunStatus.FINISHED, tensorboard, metrics);
            } finally {
              context.onSuccess(result); // whatever happened to the tracking, the block is done
            }
          });
    }

    @Override
    public void onFailure(StepContext context, Throwable t) {
      RunStatus status =
          t instanceof FlowInterruptedException || t instanceof InterruptedException
              ? RunStatus.KILLED
              : RunStatus.FAILED;
      Computer.threadPoolForRemoting.submit(
          () -> {
            try {
              Sessions.finish(context, handle, status, tensorboard, metrics);
            } finally {
              context.onFailure(t);
            }
          });
    }
  }

  @Extension
  @Symbol("trackExperiment")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "trackExperiment";
    }

    @Override
    public String getDisplayName() {
      return "Track an experiment: metrics, params, system usage and artifacts of the block";
    }

    @Override
    public boolean takesImplicitBlockArgument() {
      return true;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
    }

    @Override
    public Set<? extends Class<?>> getProvidedContext() {
      return Set.of(RunHandle.class);
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.READ);
      return Util.fixEmptyAndTrim(value) == null
          ? FormValidation.error(
              "Name the experiment: runs are ranked among runs of the same name.")
          : FormValidation.ok();
    }
  }
}
