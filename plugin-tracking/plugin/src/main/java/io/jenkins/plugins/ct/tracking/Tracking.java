package io.jenkins.plugins.ct.tracking;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.capture.ServiceMessage;
import io.ctsuite.tracking.run.RunSummary;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Where {@code logMetric}, {@code logParams} and {@code logArtifact} send what they log. Inside a
 * {@code trackExperiment} block they print service messages: the block's console decorator copies
 * them to the run like any line the training prints, in order with them. Outside a block they go to
 * a run of the build named after the job, recorded directly in the build (on the controller: a
 * handful of values).
 */
final class Tracking {
  private Tracking() {}

  /** Prints the message when a tracked block encloses the step; returns whether it did. */
  static boolean printInBlock(StepContext context, ServiceMessage... messages)
      throws IOException, InterruptedException {
    RunHandle handle = context.get(RunHandle.class);
    if (handle == null) {
      return false;
    }
    TaskListener listener = context.get(TaskListener.class);
    for (ServiceMessage m : messages) {
      listener.getLogger().println(m.format());
    }
    return true;
  }

  /** Changes the build's own run (outside any block), creating it on first use. */
  static ExperimentRun recordOutsideBlock(StepContext context, Consumer<RunRecorder> change)
      throws IOException, InterruptedException {
    return recordOutsideBlock(context, change, s -> s);
  }

  /** As above, then adjusts the summary (e.g. an artifact described on the agent). */
  static ExperimentRun recordOutsideBlock(
      StepContext context, Consumer<RunRecorder> change, UnaryOperator<RunSummary> adjust)
      throws IOException, InterruptedException {
    Run<?, ?> build = context.get(Run.class);
    if (build == null) {
      throw new AbortException("no build to record the experiment in");
    }
    ExperimentAction action = ExperimentAction.of(build);
    return action.recordDirectly(build.getParent().getName(), change, adjust);
  }
}
