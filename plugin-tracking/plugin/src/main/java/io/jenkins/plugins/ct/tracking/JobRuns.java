package io.jenkins.plugins.ct.tracking;

import hudson.model.Job;
import io.ctsuite.tracking.query.RunIndex;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The summaries of every tracked run of a job, copied into the job's directory ({@code
 * <job>/ct-tracking/runs/<run id>/run.json}) when a run ends, with the model's run index next to
 * them. Leaderboards, searches and trends over thousands of builds then read one index file instead
 * of loading thousands of builds.
 */
final class JobRuns {
  private static final Map<String, RunIndex> INDEXES = new ConcurrentHashMap<>();

  private JobRuns() {}

  static File root(Job<?, ?> job) {
    return new File(new File(job.getRootDir(), ExperimentAction.DIR), "runs");
  }

  static RunStore store(Job<?, ?> job) {
    return new RunStore(root(job).toPath());
  }

  static boolean hasRuns(Job<?, ?> job) {
    return root(job).isDirectory();
  }

  static void record(Job<?, ?> job, RunSummary summary) {
    store(job).saveSummary(summary);
  }

  static void forget(Job<?, ?> job, String runId) {
    store(job).delete(runId);
  }

  /** The job's run index, brought up to date (a directory listing when nothing changed). */
  static RunIndex index(Job<?, ?> job) {
    String key = root(job).getAbsolutePath();
    RunIndex index = INDEXES.get(key);
    if (index == null) {
      index = RunIndex.open(root(job).toPath());
      INDEXES.put(key, index);
    } else {
      index.refresh();
    }
    return index;
  }
}
