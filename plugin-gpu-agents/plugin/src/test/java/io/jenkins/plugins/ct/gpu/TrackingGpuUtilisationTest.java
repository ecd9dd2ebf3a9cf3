package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sf.json.JSONObject;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The build's GPU action reads the tracking plugin's files in the build directory (a tracking-model
 * run store in {@code ct-tracking/}), written here with the tracking model's own store as the
 * tracking plugin writes them; ct-tracking itself is not installed.
 */
public class TrackingGpuUtilisationTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  private static GpuUse lease(String devices, double ownPercent) {
    long now = System.currentTimeMillis();
    return new GpuUse(
        GpuUse.SLOTS, "gpu-box", "a100", 2, devices, now - 3_600_000, now, ownPercent, 10);
  }

  /** One tracked run with GPUs 0-1 at 80 and 60 %, GPUs 2-3 idle, ten samples each. */
  private static void track(FreeStyleBuild build, RunStatus status) {
    Map<String, MetricSeries> series = new LinkedHashMap<>();
    double[] percents = {80, 60, 0, 0};
    for (int gpu = 0; gpu < percents.length; gpu++) {
      MetricSeries.Builder b = new MetricSeries.Builder("gpu" + gpu + "/util_percent");
      for (int i = 0; i < 10; i++) {
        b.add(i, 1_000L * i, percents[gpu]);
      }
      series.put(b.build().key(), b.build());
    }
    RunSeries system = new RunSeries(series);
    RunSummary summary =
        RunSummary.builder("20261121-100000-aaaa")
            .name("train")
            .status(status)
            .startedAt(0L)
            .system(system.summaries())
            .build();
    new RunStore(new File(build.getRootDir(), TrackingGpuUtilisation.DIR).toPath())
        .save(summary, RunSeries.empty(), system);
  }

  @Test
  public void shouldTakeTheTrackedSeriesOfTheLeasedGpus() throws Exception {
    FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());
    track(build, RunStatus.FINISHED);
    GpuUsageAction.record(build, lease("0,1", 20));

    GpuUsageAction action = build.getAction(GpuUsageAction.class);

    assertThat(action.getUtilisationSource()).isEqualTo("ct-tracking");
    assertThat(action.getAverageUtilisationPercent()).isEqualTo(70.0); // GPUs 0 and 1 only
    assertThat(action.getUtilisationText()).isEqualTo("70 % (from ct-tracking)");
    assertThat(action.getWarning()).isNull();
    JSONObject json = r.createWebClient().getJSON(build.getUrl() + "gpu/api/json").getJSONObject();
    assertThat(json.getString("utilisationSource")).isEqualTo("ct-tracking");
    assertThat(json.getDouble("averageUtilisationPercent")).isEqualTo(70.0);
  }

  @Test
  public void shouldIgnoreARunStillBeingTracked() throws Exception {
    FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());
    track(build, RunStatus.RUNNING);
    GpuUsageAction.record(build, lease("0,1", 20));

    assertThat(build.getAction(GpuUsageAction.class).getUtilisationSource())
        .isEqualTo("nvidia-smi");
  }

  @Test
  public void shouldFallBackToItsOwnSamplesWithoutTrackingFiles() throws Exception {
    FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());
    GpuUsageAction.record(build, lease("0,1", 20));

    GpuUsageAction action = build.getAction(GpuUsageAction.class);

    assertThat(action.getUtilisationSource()).isEqualTo("nvidia-smi");
    assertThat(action.getAverageUtilisationPercent()).isEqualTo(20.0);
    assertThat(action.getWarning()).contains("this build used 20 % of 2 A100s");
  }
}
