package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Run;
import io.ctsuite.gpu.cost.SampledUtilisation;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;

public class GpuUtilisationSourceTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  private static GpuUse lease(String devices, double ownPercent) {
    long now = System.currentTimeMillis();
    return new GpuUse(
        GpuUse.SLOTS, "gpu-box", "a100", 2, devices, now - 3_600_000, now, ownPercent, 10);
  }

  @Test
  public void shouldLoadTheTrackingSourceWhenCtTrackingIsInstalled() {
    assertThat(ExtensionList.lookup(GpuUtilisationSource.class))
        .anyMatch(s -> s instanceof TrackingGpuUtilisation);
  }

  @Test
  public void shouldPreferAnotherSamplersSeriesOfTheLeasedGpus() throws Exception {
    FreeStyleProject job = r.createFreeStyleProject("with-series");
    FreeStyleBuild build = r.buildAndAssertSuccess(job);
    GpuUsageAction.record(build, lease("0,1", 20));

    GpuUsageAction action = build.getAction(GpuUsageAction.class);

    assertThat(action.getUtilisationSource()).isEqualTo("fixed series");
    assertThat(action.getAverageUtilisationPercent()).isEqualTo(70.0); // GPUs 0 and 1 only
    assertThat(action.getUtilisationText()).isEqualTo("70 % (from fixed series)");
  }

  @Test
  public void shouldFallBackToItsOwnSamplesWithoutSeries() throws Exception {
    FreeStyleProject job = r.createFreeStyleProject("no-series");
    FreeStyleBuild build = r.buildAndAssertSuccess(job);
    GpuUsageAction.record(build, lease("0,1", 20));

    GpuUsageAction action = build.getAction(GpuUsageAction.class);

    assertThat(action.getUtilisationSource()).isEqualTo("nvidia-smi");
    assertThat(action.getAverageUtilisationPercent()).isEqualTo(20.0);
    assertThat(action.getWarning()).contains("this build used 20 % of 2 A100s");
  }

  /** Series for the job "with-series" only: GPUs 0-1 at 80 and 60 %, GPUs 2-3 idle. */
  @TestExtension
  public static class FixedSeries extends GpuUtilisationSource {
    @Override
    public String getName() {
      return "fixed series";
    }

    @Override
    public List<SampledUtilisation.Series> series(Run<?, ?> build) {
      if (!build.getParent().getName().equals("with-series")) {
        return List.of();
      }
      return List.of(
          new SampledUtilisation.Series("gpu0/util_percent", 80, 10),
          new SampledUtilisation.Series("gpu1/util_percent", 60, 10),
          new SampledUtilisation.Series("gpu2/util_percent", 0, 10),
          new SampledUtilisation.Series("gpu3/util_percent", 0, 10));
    }
  }
}
