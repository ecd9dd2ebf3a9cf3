package io.jenkins.plugins.ct.gpu;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Run;
import io.ctsuite.gpu.cost.SampledUtilisation;
import java.util.List;

/**
 * GPU utilisation a build recorded by other means than this plugin's own nvidia-smi samples of its
 * leases, e.g. the tracking plugin's system monitor. The build's GPU action prefers such series
 * when there are any, as they cover the whole block that ran on the GPUs (pods included).
 */
public abstract class GpuUtilisationSource implements ExtensionPoint {
  /** A short name of the source for the build's GPU page and API, e.g. "ct-tracking". */
  public abstract String getName();

  /**
   * The per-GPU utilisation series ({@code gpu<i>/util_percent}) this source has of the build, with
   * their means; empty when it has none.
   */
  public abstract List<SampledUtilisation.Series> series(Run<?, ?> build);

  static ExtensionList<GpuUtilisationSource> all() {
    return ExtensionList.lookup(GpuUtilisationSource.class);
  }
}
