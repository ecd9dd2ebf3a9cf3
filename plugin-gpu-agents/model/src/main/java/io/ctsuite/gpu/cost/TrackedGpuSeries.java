package io.ctsuite.gpu.cost;

import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-GPU utilisation series ({@code gpu<i>/util_percent}) that the CT tracking plugin's system
 * monitor recorded, read from a tracking run store on disk. The tracking plugin keeps each build's
 * experiment runs in {@code <build dir>/ct-tracking/} as a tracking-model {@link RunStore}; reading
 * those files, rather than the tracking plugin's classes, lets each plugin build and install alone.
 *
 * <p>Only ended runs count (finished, failed or killed): a running run's summary has no series yet.
 * A run whose {@code run.json} cannot be read is skipped with the reason; nothing here throws.
 */
public final class TrackedGpuSeries {
  private TrackedGpuSeries() {}

  /**
   * What a run store yielded.
   *
   * @param series the GPU utilisation series of every ended run, with their means
   * @param skipped why some runs (or the whole directory) could not be read, one line each
   */
  public record Reading(List<SampledUtilisation.Series> series, List<String> skipped) {
    public Reading {
      series = List.copyOf(series);
      skipped = List.copyOf(skipped);
    }
  }

  /** Reads the run store at {@code dir}; a directory that does not exist holds no series. */
  public static Reading read(Path dir) {
    List<SampledUtilisation.Series> series = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new Reading(series, skipped);
    }
    RunStore store = new RunStore(dir);
    List<String> ids;
    try {
      ids = store.ids();
    } catch (RuntimeException e) {
      skipped.add(dir + ": " + e.getMessage());
      return new Reading(series, skipped);
    }
    for (String id : ids) {
      RunSummary run;
      try {
        run = store.summary(id);
      } catch (RuntimeException e) { // damaged run.json, an id that is not a run's
        skipped.add("run " + id + " skipped: " + e.getMessage());
        continue;
      }
      if (run.status() == RunStatus.RUNNING) {
        continue;
      }
      for (Map.Entry<String, MetricSummary> e : run.system().entrySet()) {
        MetricSummary s = e.getValue();
        if (SampledUtilisation.gpuIndex(e.getKey()).isPresent()
            && s.count() > 0
            && Double.isFinite(s.mean())) {
          series.add(new SampledUtilisation.Series(e.getKey(), s.mean(), s.count()));
        }
      }
    }
    return new Reading(series, skipped);
  }
}
