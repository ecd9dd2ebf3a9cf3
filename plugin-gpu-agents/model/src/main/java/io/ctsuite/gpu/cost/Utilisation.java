package io.ctsuite.gpu.cost;

import io.ctsuite.core.nvidia.GpuSample;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How much of its GPUs a build used, from the utilisation samples the tracking monitor recorded,
 * and the warning when most of the paid GPU time was idle.
 *
 * @param averagePercent mean GPU utilisation over the build's GPUs and samples, 0..100
 * @param samples how many readings it rests on
 */
public record Utilisation(double averagePercent, int samples) implements Serializable {

  /** The mean of the samples that report utilisation (MIG devices report none and are skipped). */
  public static Optional<Utilisation> of(List<GpuSample> samples) {
    double sum = 0;
    int n = 0;
    for (GpuSample sample : samples) {
      if (sample.utilizationPercent() != null) {
        sum += sample.utilizationPercent();
        n++;
      }
    }
    return n == 0 ? Optional.empty() : Optional.of(new Utilisation(sum / n, n));
  }

  /**
   * "this build used 23 % of 4 A100s: 3.1 GPU-hours wasted (about 10.17 USD)" when the average is
   * below {@code thresholdPercent}; empty otherwise.
   */
  public Optional<String> wasteWarning(BuildCost cost, double thresholdPercent) {
    if (averagePercent >= thresholdPercent) {
      return Optional.empty();
    }
    double wastedShare = 1 - averagePercent / 100.0;
    double wastedHours = cost.gpuHours() * wastedShare;
    String money =
        cost.amount() == null
            ? ""
            : String.format(
                Locale.ROOT, " (about %.2f %s)", cost.amount() * wastedShare, cost.currency());
    return Optional.of(
        String.format(
            Locale.ROOT,
            "this build used %.0f %% of %s: %.1f GPU-hours wasted%s",
            averagePercent,
            GpuWords.gpus(cost.gpus(), cost.type()),
            wastedHours,
            money));
  }

  /** Convenience for callers that have the figures, not the samples. */
  public static Utilisation of(double averagePercent) {
    return new Utilisation(Math.max(0, Math.min(100, averagePercent)), 1);
  }

  /** GPU-hours actually busy. */
  public double usedGpuHours(double gpus, Duration lifetime) {
    return gpus * lifetime.toMillis() / 3_600_000.0 * averagePercent / 100.0;
  }
}
