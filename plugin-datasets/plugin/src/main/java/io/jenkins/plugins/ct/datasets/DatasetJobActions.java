package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import hudson.triggers.Trigger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.model.TransientActionFactory;

/**
 * Adds to a job its dataset trend (when one of its recent builds recorded a dataset version) and
 * its dataset polling log (when it has a dataset trigger), for Pipeline and Freestyle alike.
 */
@Extension
@SuppressWarnings("rawtypes")
public class DatasetJobActions extends TransientActionFactory<Job> {
  /** How many recent builds are looked at to decide whether a job shows the trend. */
  private static final int RECENT = 10;

  @Override
  public Class<Job> type() {
    return Job.class;
  }

  @NonNull
  @Override
  public Collection<? extends Action> createFor(@NonNull Job target) {
    Job<?, ?> job = target;
    List<Action> actions = new ArrayList<>();
    DatasetTrigger trigger = triggerOf(job);
    if (trigger != null) {
      actions.add(new DatasetPollingAction(job, trigger));
    }
    if (trigger != null || recentlyRecorded(job)) {
      actions.add(new DatasetJobAction(job));
    }
    return actions;
  }

  @CheckForNull
  static DatasetTrigger triggerOf(Job<?, ?> job) {
    if (job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> p) {
      for (Trigger<?> t : p.getTriggers().values()) {
        if (t instanceof DatasetTrigger d) {
          return d;
        }
      }
    }
    return null;
  }

  private static boolean recentlyRecorded(Job<?, ?> job) {
    int looked = 0;
    for (Run<?, ?> r = job.getLastBuild();
        r != null && looked < RECENT;
        r = r.getPreviousBuild(), looked++) {
      if (r.getAction(DatasetBuildAction.class) != null) {
        return true;
      }
    }
    return false;
  }
}
