package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;

/** What a job's earlier builds did with a dataset. */
final class JobDatasets {
  /** How far back a lookup goes, so that a page or a step never reads thousands of builds. */
  static final int LOOK_BACK = 100;

  private JobDatasets() {}

  /** A version a build recorded, with the build's number. */
  record Seen(int build, String versionId, String versionLabel) {}

  /**
   * The version of {@code dataset} the job last trained on: the one consumed ({@code useDataset})
   * by its latest finished build that succeeded or was unstable, other than {@code current}; else
   * the one its dataset trigger last handed to a build; else null.
   */
  @CheckForNull
  static Seen lastTrained(Job<?, ?> job, String dataset, @CheckForNull Run<?, ?> current) {
    int looked = 0;
    for (Run<?, ?> run = job.getLastBuild();
        run != null && looked < LOOK_BACK;
        run = run.getPreviousBuild(), looked++) {
      if (run == current || run.isBuilding()) {
        continue;
      }
      Result result = run.getResult();
      if (result == null || !result.isBetterOrEqualTo(Result.UNSTABLE)) {
        continue;
      }
      DatasetBuildAction action = run.getAction(DatasetBuildAction.class);
      DatasetRecord record = action == null ? null : action.consumed(dataset);
      if (record != null) {
        return new Seen(run.getNumber(), record.getVersionId(), record.getVersion());
      }
    }
    TriggerMemory.Entry fired = TriggerMemory.of(job).get(dataset);
    return fired == null
        ? null
        : new Seen(fired.build(), fired.consumedId(), fired.consumedLabel());
  }

  /**
   * The version of {@code dataset} the closest earlier build snapshotted or used, whatever its
   * result: what a build page compares with.
   */
  @CheckForNull
  static Seen previousBuild(Run<?, ?> run, String dataset) {
    int looked = 0;
    for (Run<?, ?> r = run.getPreviousBuild();
        r != null && looked < LOOK_BACK;
        r = r.getPreviousBuild(), looked++) {
      DatasetBuildAction action = r.getAction(DatasetBuildAction.class);
      DatasetRecord record = action == null ? null : action.latest(dataset);
      if (record != null) {
        return new Seen(r.getNumber(), record.getVersionId(), record.getVersion());
      }
    }
    return null;
  }
}
