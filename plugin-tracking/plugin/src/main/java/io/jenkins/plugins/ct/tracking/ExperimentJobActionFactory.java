package io.jenkins.plugins.ct.tracking;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the experiments page to every job that has tracked a run. */
@Extension
public final class ExperimentJobActionFactory extends TransientActionFactory<Job> {
  @Override
  public Class<Job> type() {
    return Job.class;
  }

  @Override
  public Collection<? extends Action> createFor(Job target) {
    return JobRuns.hasRuns(target) ? List.of(new ExperimentJobAction(target)) : List.of();
  }
}
