package io.jenkins.plugins.ct.gpu;

import hudson.model.Run;
import io.ctsuite.gpu.cost.SampledUtilisation;
import io.ctsuite.gpu.cost.TrackedGpuSeries;
import java.io.File;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The GPU utilisation series the CT tracking plugin's system monitor recorded in a build's
 * experiments ({@code trackExperiment} blocks), read from the files that plugin leaves in the build
 * directory. No class of ct-tracking is used: this plugin builds and installs without it, and a
 * build that tracked nothing simply has no such directory.
 */
final class TrackingGpuUtilisation {
  /** The source's name on the build's GPU page and in its API ({@code utilisationSource}). */
  static final String NAME = "ct-tracking";

  /**
   * Contract with ct-tracking (its {@code ExperimentAction.DIR}): {@code <build dir>/ct-tracking/}
   * is a tracking-model run store holding each experiment run of the build.
   */
  static final String DIR = "ct-tracking";

  private static final Logger LOGGER = Logger.getLogger(TrackingGpuUtilisation.class.getName());

  private TrackingGpuUtilisation() {}

  /** The build's per-GPU utilisation series with their means; empty when it tracked none. */
  static List<SampledUtilisation.Series> series(Run<?, ?> build) {
    File dir = new File(build.getRootDir(), DIR);
    TrackedGpuSeries.Reading reading = TrackedGpuSeries.read(dir.toPath());
    // FINE: the GPU page asks on every view, and the tracking plugin reports its own damaged runs
    for (String reason : reading.skipped()) {
      LOGGER.log(Level.FINE, "GPU utilisation of {0}: {1}", new Object[] {build, reason});
    }
    return reading.series();
  }
}
