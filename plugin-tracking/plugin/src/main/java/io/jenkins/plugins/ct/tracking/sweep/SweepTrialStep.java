package io.jenkins.plugins.ct.tracking.sweep;

import hudson.Extension;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ctsuite.tracking.sweep.SweepResult;
import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.TrialStatus;
import io.ctsuite.tracking.sweep.process.TrialCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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

/**
 * {@code sweepTrial(sweep: id, trial: n) { … }}: runs one trial of a sweep, the block being the
 * training with the trial's parameters in its environment ({@code CT_PARAM_<NAME>}, {@code
 * CT_PARAMS}, {@code CT_SWEEP}, {@code CT_TRIAL}, {@code CT_METRICS_FILE}). While it runs, the
 * metrics it reports go to the sweep's scheduler; when the scheduler stops the trial, the block is
 * interrupted and the step returns normally. Returns {@code [number, status, reason]}.
 *
 * <p>A block that fails on its own is recorded as a failed trial and marked unstable in the flow
 * graph, and the step returns normally too, so that the sweep goes on with its other trials; an
 * abort of the build is passed on.
 */
public final class SweepTrialStep extends Step {
  private final String sweep;
  private final int trial;

  @DataBoundConstructor
  public SweepTrialStep(String sweep, int trial) {
    this.sweep = Util.fixEmptyAndTrim(sweep);
    this.trial = trial;
  }

  public String getSweep() {
    return sweep;
  }

  public int getTrial() {
    return trial;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, sweep, trial);
  }

  /** Starts the block and the reading of its output; stops the block when the scheduler says so. */
  public static final class Execution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

    private final String sweep;
    private final int trial;
    private String metricsFileName;
    private BodyExecution body;

    Execution(StepContext context, String sweep, int trial) {
      super(context);
      this.sweep = sweep;
      this.trial = trial;
    }

    @Override
    public boolean start() throws Exception {
      StepContext context = getContext();
      Run<?, ?> run = context.get(Run.class);
      LiveSweep live = LiveSweep.of(run, sweep);
      Trial t = live.running(trial);
      metricsFileName = TrialEnvironment.metricsFileName(run.getNumber(), live.name(), trial);
      Map<String, String> variables =
          TrialCommand.environment(live.name(), trial, t.params(), Path.of(metricsFileName), null);
      variables.remove("CT_METRICS_FILE"); // per workspace: see TrialEnvironment
      context
          .get(TaskListener.class)
          .getLogger()
          .println(
              "Sweep "
                  + live.name()
                  + ", trial "
                  + trial
                  + " of "
                  + live.controller().spec().trials()
                  + ": "
                  + SweepResult.paramsText(t.params()));
      body =
          context
              .newBodyInvoker()
              .withContexts(
                  EnvironmentExpander.merge(
                      context.get(EnvironmentExpander.class),
                      new TrialEnvironment(variables, metricsFileName)),
                  TaskListenerDecorator.merge(
                      context.get(TaskListenerDecorator.class),
                      new TrialConsoleTap(
                          TrialConsoleTap.controllerCopy(live.directory(), trial),
                          TrialConsoleTap.agentCopyName(
                              run.getExternalizableId(), live.name(), trial))))
              .withCallback(new Callback(sweep, trial))
              .start();
      feed(live).start(this::stopEarly);
      return false;
    }

    private TrialFeed feed(LiveSweep live) {
      return live.feed(trial, () -> new TrialFeed(live, trial, metricsFileName, getContext()));
    }

    /** The scheduler stopped the trial: interrupt the block; the callback then returns normally. */
    private void stopEarly(String explanation) {
      BodyExecution b = body;
      if (b != null) {
        b.cancel(new StoppedBySweep(sweep, explanation));
      }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
      if (body != null) {
        body.cancel(cause);
      } else {
        getContext().onFailure(cause);
      }
    }

    /** After a controller restart the block goes on by itself; reading its output starts again. */
    @Override
    public void onResume() {
      try {
        Run<?, ?> run = getContext().get(Run.class);
        LiveSweep live = LiveSweep.of(run, sweep);
        feed(live).start(this::stopEarly);
        // a stop decided just before the restart may not have reached the block yet
        for (Trial t : live.controller().trials()) {
          if (t.number() == trial && "STOP".equals(t.verdict())) {
            stopEarly("trial " + trial + " " + t.reason());
          }
        }
        getContext()
            .get(TaskListener.class)
            .getLogger()
            .println(
                "Sweep "
                    + live.name()
                    + ": trial "
                    + trial
                    + " goes on after the restart; its reports are read from where they were");
      } catch (IOException | RuntimeException e) {
        LOGGER.log(Level.WARNING, "cannot resume reading trial " + trial + " of sweep " + sweep, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String getStatus() {
      return "trial " + trial + " of sweep " + sweep;
    }
  }

  /** Reads what is left of the trial's output, records how it ended, ends the step. */
  static final class Callback extends BodyExecutionCallback {
    private static final long serialVersionUID = 1L;
    private final String sweep;
    private final int trial;

    Callback(String sweep, int trial) {
      this.sweep = sweep;
      this.trial = trial;
    }

    @Override
    public void onSuccess(StepContext context, Object result) {
      Computer.threadPoolForRemoting.submit(() -> end(context, null));
    }

    @Override
    public void onFailure(StepContext context, Throwable t) {
      Computer.threadPoolForRemoting.submit(() -> end(context, t));
    }

    private void end(StepContext context, Throwable failure) {
      try {
        Run<?, ?> run = context.get(Run.class);
        LiveSweep live = LiveSweep.of(run, sweep);
        TrialFeed feed = live.feed(trial);
        if (feed != null) {
          feed.finish();
          live.dropFeed(trial);
        }
        Trial ended;
        if (failure == null) {
          ended = live.controller().end(trial, 0);
        } else if (failure instanceof FlowInterruptedException interrupted
            && !stoppedBySweep(interrupted)) {
          ended = live.controller().fail(trial, "aborted: the build was interrupted");
        } else {
          ended = live.controller().fail(trial, "failed: " + describe(failure));
        }
        live.save();
        String said = feed == null ? null : feed.lastExplained();
        String how =
            ended.reason() == null || ("trial " + trial + " " + ended.reason()).equals(said)
                ? "ended, " + ended.status().id()
                : ended.reason();
        context
            .get(TaskListener.class)
            .getLogger()
            .println("Sweep " + live.name() + ": trial " + trial + " " + how);
        if (failure instanceof FlowInterruptedException interrupted
            && !stoppedBySweep(interrupted)
            && ended.status() != TrialStatus.STOPPED) {
          context.onFailure(failure);
          return;
        }
        if (ended.status() == TrialStatus.FAILED) {
          FlowNode node = context.get(FlowNode.class);
          if (node != null) {
            node.addOrReplaceAction(
                new WarningAction(Result.UNSTABLE)
                    .withMessage("Trial " + trial + " " + ended.reason()));
          }
        }
        context.onSuccess(SweepResult.trialMap(ended, 0));
      } catch (Exception e) {
        context.onFailure(failure != null ? failure : e);
      }
    }

    private static boolean stoppedBySweep(FlowInterruptedException e) {
      return e.getCauses().stream().anyMatch(c -> c instanceof StoppedBySweep);
    }

    private static String describe(Throwable t) {
      String message = t.getMessage();
      return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
  }

  @Extension
  @Symbol("sweepTrial")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "sweepTrial";
    }

    @Override
    public String getDisplayName() {
      return "Run one trial of a hyperparameter sweep (stopped early when it is losing)";
    }

    @Override
    public boolean takesImplicitBlockArgument() {
      return true;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, FlowNode.class);
    }
  }
}
