package io.jenkins.plugins.ct.tracking;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.listeners.RunListener;

/** A deleted build's runs leave the job's leaderboard with it. */
@Extension
public final class RunDeletion extends RunListener<Run<?, ?>> {
  @Override
  public void onDeleted(Run<?, ?> run) {
    ExperimentAction action = run.getAction(ExperimentAction.class);
    if (action != null) {
      for (ExperimentRun r : action.getRuns()) {
        JobRuns.forget(run.getParent(), r.getId());
      }
    }
  }
}
