package io.jenkins.plugins.ct.tracking.sweep;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.ctsuite.tracking.sweep.Trial;

/**
 * When a build ends, its sweeps leave memory (their state stays in the build directory) and a sweep
 * that never reached {@code finish} (the build failed or was aborted first) is marked incomplete.
 */
@Extension
public final class SweepRunListener extends RunListener<Run<?, ?>> {
  @Override
  public void onCompleted(Run<?, ?> run, TaskListener listener) {
    for (SweepAction action : run.getActions(SweepAction.class)) {
      LiveSweep live = LiveSweep.ifLive(run, action.getName());
      if (live != null) {
        for (Trial trial : live.controller().trials()) {
          if (!trial.status().ended()) {
            live.controller().fail(trial.number(), "lost: the build ended before the trial did");
          }
        }
        live.save();
      }
      action.incomplete();
    }
    LiveSweep.forget(run);
  }
}
