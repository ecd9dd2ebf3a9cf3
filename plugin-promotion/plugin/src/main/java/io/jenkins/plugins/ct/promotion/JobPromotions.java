package io.jenkins.plugins.ct.promotion;

import hudson.model.Job;
import java.io.File;

/**
 * Which jobs show the promotion page: those whose builds ran a gate or a promotion leave a
 * directory in the job's own directory, so that deciding costs a file check, not loading builds.
 */
final class JobPromotions {
  private JobPromotions() {}

  static File dir(Job<?, ?> job) {
    return new File(job.getRootDir(), PromotionAction.DIR);
  }

  static void mark(Job<?, ?> job) {
    File dir = dir(job);
    if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
      java.util.logging.Logger.getLogger(JobPromotions.class.getName())
          .warning("cannot create " + dir);
    }
  }

  static boolean isMarked(Job<?, ?> job) {
    return dir(job).isDirectory();
  }
}
