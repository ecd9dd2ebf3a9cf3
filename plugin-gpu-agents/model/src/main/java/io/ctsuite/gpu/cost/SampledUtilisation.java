package io.ctsuite.gpu.cost;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build's average GPU utilisation from per-GPU series another sampler recorded, such as the
 * tracking monitor's {@code gpu<i>/util_percent}: the mean of each series, weighted by its number
 * of samples, over the GPUs the build held.
 */
public final class SampledUtilisation {
  private static final Pattern UTIL_SERIES = Pattern.compile("gpu(\\d+)/util_percent");

  private SampledUtilisation() {}

  /**
   * The mean of one series over a run and how many samples it rests on.
   *
   * @param key the series name, e.g. {@code gpu1/util_percent}
   */
  public record Series(String key, double mean, long samples) {}

  /** The GPU index of a utilisation series ({@code gpu3/util_percent} → 3), or empty. */
  public static Optional<Integer> gpuIndex(String key) {
    Matcher m = key == null ? null : UTIL_SERIES.matcher(key);
    return m != null && m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /**
   * The average utilisation of the GPUs {@code gpus} (nvidia-smi indices; empty: every GPU the
   * series cover), or empty when no series of those GPUs has a sample with a mean. nvidia-smi
   * reports every GPU of a machine whatever CUDA_VISIBLE_DEVICES says, so a lease of GPUs 0 and 1
   * on a 4-GPU machine must not count GPUs 2 and 3.
   */
  public static Optional<Utilisation> of(Collection<Series> series, Set<Integer> gpus) {
    double sum = 0;
    long samples = 0;
    for (Series s : series) {
      Optional<Integer> index = gpuIndex(s.key());
      if (index.isEmpty()
          || (!gpus.isEmpty() && !gpus.contains(index.get()))
          || s.samples() <= 0
          || !Double.isFinite(s.mean())) {
        continue;
      }
      sum += s.mean() * s.samples();
      samples += s.samples();
    }
    if (samples == 0) {
      return Optional.empty();
    }
    double average = Math.max(0, Math.min(100, sum / samples));
    return Optional.of(new Utilisation(average, (int) Math.min(Integer.MAX_VALUE, samples)));
  }
}
