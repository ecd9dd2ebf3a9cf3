package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.Run;
import io.ctsuite.gpu.cost.SampledUtilisation;
import io.ctsuite.tracking.run.MetricSummary;
import io.jenkins.plugins.ct.tracking.ExperimentAction;
import io.jenkins.plugins.ct.tracking.ExperimentRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GPU utilisation series the CT tracking plugin's system monitor recorded in the build's
 * experiments ({@code trackExperiment} blocks). Optional: loaded only when ct-tracking is installed
 * (an optional plugin dependency); without it Jenkins skips this extension and the GPU action uses
 * its own nvidia-smi samples.
 */
@Extension(optional = true)
public class TrackingGpuUtilisation extends GpuUtilisationSource {
  @Override
  public String getName() {
    return "ct-tracking";
  }

  @Override
  public List<SampledUtilisation.Series> series(Run<?, ?> build) {
    List<SampledUtilisation.Series> series = new ArrayList<>();
    ExperimentAction experiments = build.getAction(ExperimentAction.class);
    if (experiments == null) {
      return series;
    }
    for (ExperimentRun run : experiments.getRuns()) {
      if (run.isRunning()) {
        continue; // its summary holds no series yet
      }
      for (Map.Entry<String, MetricSummary> e : run.getSummary().system().entrySet()) {
        MetricSummary s = e.getValue();
        if (SampledUtilisation.gpuIndex(e.getKey()).isPresent() && !Double.isNaN(s.mean())) {
          series.add(new SampledUtilisation.Series(e.getKey(), s.mean(), s.count()));
        }
      }
    }
    return series;
  }
}
