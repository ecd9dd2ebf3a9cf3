package io.ctsuite.gpu.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ctsuite.gpu.cost.SampledUtilisation.Series;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.RunSeries;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TrackedGpuSeriesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** A build's tracking directory, written by the tracking model's own store. */
  private Path trackingDir() {
    return tmp.getRoot().toPath().resolve("builds/7/ct-tracking");
  }

  /** System series sampled once a second: each key gets the given values. */
  private static RunSeries system(Map<String, double[]> values) {
    Map<String, MetricSeries> series = new LinkedHashMap<>();
    values.forEach(
        (key, v) -> {
          MetricSeries.Builder b = new MetricSeries.Builder(key);
          for (int i = 0; i < v.length; i++) {
            b.add(i, 1_000L * i, v[i]);
          }
          series.put(key, b.build());
        });
    return new RunSeries(series);
  }

  private static void save(RunStore store, String id, RunStatus status, RunSeries system) {
    RunSummary summary =
        RunSummary.builder(id)
            .name("gpu-utilisation")
            .status(status)
            .startedAt(0L)
            .endedAt(status == RunStatus.RUNNING ? null : 10_000L)
            .system(system.summaries())
            .build();
    store.save(summary, RunSeries.empty(), system);
  }

  private static Map<String, double[]> fourGpus(double busy, double idle) {
    Map<String, double[]> v = new LinkedHashMap<>();
    v.put("gpu0/util_percent", new double[] {busy - 10, busy + 10});
    v.put("gpu1/util_percent", new double[] {busy, busy});
    v.put("gpu2/util_percent", new double[] {idle, idle});
    v.put("gpu3/util_percent", new double[] {idle, idle});
    v.put("gpu0/mem_used_mib", new double[] {30_000, 30_000});
    v.put("sys/cpu_percent", new double[] {90, 95});
    return v;
  }

  @Test
  public void shouldReadTheGpuSeriesMeansOfEndedRuns() {
    RunStore store = new RunStore(trackingDir());
    save(store, "20261121-100000-aaaa", RunStatus.FINISHED, system(fourGpus(55, 5)));
    save(store, "20261121-100100-bbbb", RunStatus.FAILED, system(fourGpus(75, 0)));

    TrackedGpuSeries.Reading reading = TrackedGpuSeries.read(trackingDir());

    assertThat(reading.skipped()).isEmpty();
    assertThat(reading.series())
        .containsExactlyInAnyOrder(
            new Series("gpu0/util_percent", 55, 2),
            new Series("gpu1/util_percent", 55, 2),
            new Series("gpu2/util_percent", 5, 2),
            new Series("gpu3/util_percent", 5, 2),
            new Series("gpu0/util_percent", 75, 2),
            new Series("gpu1/util_percent", 75, 2),
            new Series("gpu2/util_percent", 0, 2),
            new Series("gpu3/util_percent", 0, 2));
    // what the GPU action makes of them for a lease of GPUs 0 and 1
    assertThat(SampledUtilisation.of(reading.series(), Set.of(0, 1)).orElseThrow().averagePercent())
        .isCloseTo(65.0, within(1e-9));
  }

  @Test
  public void shouldIgnoreARunStillRunning() {
    RunStore store = new RunStore(trackingDir());
    save(store, "20261121-100000-aaaa", RunStatus.FINISHED, system(fourGpus(55, 5)));
    save(store, "20261121-100100-bbbb", RunStatus.RUNNING, system(fourGpus(95, 95)));

    TrackedGpuSeries.Reading reading = TrackedGpuSeries.read(trackingDir());

    assertThat(reading.series()).extracting(Series::mean).containsOnly(55.0, 5.0);
    assertThat(reading.skipped()).isEmpty();
  }

  @Test
  public void shouldSkipADamagedRunJsonAndSayWhy() throws Exception {
    RunStore store = new RunStore(trackingDir());
    save(store, "20261121-100000-aaaa", RunStatus.FINISHED, system(fourGpus(55, 5)));
    Path damaged = trackingDir().resolve("20261121-100100-bbbb");
    Files.createDirectories(damaged);
    Files.writeString(
        damaged.resolve(RunStore.SUMMARY), "{\"id\": \"20261121-1", StandardCharsets.UTF_8);

    TrackedGpuSeries.Reading reading = TrackedGpuSeries.read(trackingDir());

    assertThat(reading.series()).hasSize(4).extracting(Series::mean).containsOnly(55.0, 5.0);
    assertThat(reading.skipped())
        .singleElement()
        .asString()
        .contains("20261121-100100-bbbb")
        .contains("run.json");
  }

  @Test
  public void shouldFindNothingWithoutATrackingDirectory() {
    TrackedGpuSeries.Reading reading = TrackedGpuSeries.read(trackingDir());

    assertThat(reading.series()).isEmpty();
    assertThat(reading.skipped()).isEmpty();
  }

  @Test
  public void shouldLeaveOutSeriesWithoutAMean() {
    RunStore store = new RunStore(trackingDir());
    Map<String, double[]> unmeasured = new LinkedHashMap<>();
    unmeasured.put("gpu0/util_percent", new double[] {Double.NaN, Double.NaN});
    unmeasured.put("gpu1/util_percent", new double[] {40, 60});
    save(store, "20261121-100000-aaaa", RunStatus.FINISHED, system(unmeasured));

    assertThat(TrackedGpuSeries.read(trackingDir()).series())
        .containsExactly(new Series("gpu1/util_percent", 50, 2));
  }
}
