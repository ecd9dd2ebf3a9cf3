package io.ctsuite.promotion.stats;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Paired bootstrap of the difference of two means (candidate minus baseline, example by example)
 * with a percentile confidence interval.
 *
 * <p>Fast by construction: the per-example differences are resampled directly (no index arrays),
 * two indices come from each 64-bit random number, integer differences (correct/incorrect data) are
 * summed as bytes, and resamples run in parallel blocks. Each block of {@value #BLOCK} resamples
 * draws from its own stream of the seed, so the result is the same on any number of threads.
 */
public final class PairedBootstrap {
  /** Resamples per independently seeded block. */
  public static final int BLOCK = 64;

  /** Up to this many distinct values, resampling draws counts instead of indices. */
  static final int MAX_DISTINCT = 64;

  private final int resamples;
  private final double alpha;
  private final long seed;
  private final boolean parallel;

  public PairedBootstrap(int resamples, double alpha, long seed) {
    this(resamples, alpha, seed, true);
  }

  public PairedBootstrap(int resamples, double alpha, long seed, boolean parallel) {
    if (resamples < 2) {
      throw new IllegalArgumentException("resamples must be at least 2, not " + resamples);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be between 0 and 1, not " + alpha);
    }
    this.resamples = resamples;
    this.alpha = alpha;
    this.seed = seed;
    this.parallel = parallel;
  }

  /** The interval of mean(candidate) - mean(baseline), the arrays paired by index. */
  public Interval meanDifference(double[] candidate, double[] baseline) {
    if (candidate.length != baseline.length) {
      throw new IllegalArgumentException(
          "paired samples differ in size: " + candidate.length + " and " + baseline.length);
    }
    if (candidate.length == 0) {
      throw new IllegalArgumentException("no examples to resample");
    }
    double[] differences = new double[candidate.length];
    for (int i = 0; i < differences.length; i++) {
      differences[i] = candidate[i] - baseline[i];
    }
    double[] means = resampledMeans(differences);
    Arrays.sort(means);
    double estimate = Arrays.stream(differences).sum() / differences.length;
    return new Interval(
        estimate,
        Quantiles.linear(means, alpha / 2),
        Quantiles.linear(means, 1 - alpha / 2),
        1 - alpha,
        resamples);
  }

  /** The mean of each resample of {@code values}, in resample order (not sorted). */
  public double[] resampledMeans(double[] values) {
    DistinctValues distinct = DistinctValues.of(values, MAX_DISTINCT);
    if (distinct != null) {
      return resampledMeans(distinct, values.length);
    }
    return resampledMeans(values, asSmallIntegers(values));
  }

  /**
   * Resampling by counts: when the values take few distinct values (correct/incorrect results,
   * ratings), a resample is fully described by how often each value is drawn, and those counts
   * follow a multinomial distribution. Drawing the counts (one binomial per value) gives exactly
   * the distribution that drawing n indices gives, in a few hundred steps instead of n.
   */
  double[] resampledMeans(DistinctValues distinct, int n) {
    double[] means = new double[resamples];
    int blocks = (resamples + BLOCK - 1) / BLOCK;
    IntStream range = IntStream.range(0, blocks);
    (parallel ? range.parallel() : range)
        .forEach(
            block -> {
              Xoshiro256 rng = Xoshiro256.forStream(seed, block);
              int from = block * BLOCK;
              int to = Math.min(resamples, from + BLOCK);
              for (int r = from; r < to; r++) {
                long left = n;
                long remainingWeight = n;
                double sum = 0;
                for (int k = 0; k < distinct.size() && left > 0; k++) {
                  long count =
                      k == distinct.size() - 1
                          ? left
                          : Binomial.sample(
                              rng, left, distinct.count(k) / (double) remainingWeight);
                  sum += count * distinct.value(k);
                  left -= count;
                  remainingWeight -= distinct.count(k);
                }
                means[r] = sum / n;
              }
            });
    return means;
  }

  /** As {@link #resampledMeans(double[])}, summing bytes when {@code small} is given. */
  double[] resampledMeans(double[] values, byte[] small) {
    double[] means = new double[resamples];
    int blocks = (resamples + BLOCK - 1) / BLOCK;
    IntStream range = IntStream.range(0, blocks);
    (parallel ? range.parallel() : range)
        .forEach(
            block -> {
              Xoshiro256 rng = Xoshiro256.forStream(seed, block);
              int from = block * BLOCK;
              int to = Math.min(resamples, from + BLOCK);
              for (int r = from; r < to; r++) {
                means[r] =
                    small != null
                        ? sumOfSmall(small, rng) / (double) values.length
                        : sumOf(values, rng) / values.length;
              }
            });
    return means;
  }

  /** The values as bytes when every one is an integer in [-128, 127], else null. */
  static byte[] asSmallIntegers(double[] values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (v != Math.rint(v) || v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
        return null;
      }
      bytes[i] = (byte) v;
    }
    return bytes;
  }

  // Four accumulators break the dependency chain of the additions; the order is fixed, so the sum
  // is the same on every run.
  private static double sumOf(double[] values, Xoshiro256 rng) {
    int n = values.length;
    double a = 0;
    double b = 0;
    double c = 0;
    double d = 0;
    int k = 0;
    for (; k + 4 <= n; k += 4) {
      long x = rng.nextLong();
      long y = rng.nextLong();
      a += values[Xoshiro256.boundedInt(x >>> 32, n, rng)];
      b += values[Xoshiro256.boundedInt(x & 0xFFFFFFFFL, n, rng)];
      c += values[Xoshiro256.boundedInt(y >>> 32, n, rng)];
      d += values[Xoshiro256.boundedInt(y & 0xFFFFFFFFL, n, rng)];
    }
    for (; k < n; k++) {
      a += values[rng.nextInt(n)];
    }
    return (a + b) + (c + d);
  }

  private static long sumOfSmall(byte[] values, Xoshiro256 rng) {
    int n = values.length;
    long a = 0;
    long b = 0;
    int k = 0;
    for (; k + 2 <= n; k += 2) {
      long x = rng.nextLong();
      a += values[Xoshiro256.boundedInt(x >>> 32, n, rng)];
      b += values[Xoshiro256.boundedInt(x & 0xFFFFFFFFL, n, rng)];
    }
    for (; k < n; k++) {
      a += values[rng.nextInt(n)];
    }
    return a + b;
  }
}
