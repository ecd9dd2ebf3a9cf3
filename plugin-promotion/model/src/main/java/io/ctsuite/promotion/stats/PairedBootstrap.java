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
    return resampledMeansByIndex(values);
  }

  /**
   * Resampling by counts: when the values take few distinct values (correct/incorrect results,
   * ratings), a resample is fully described by how often each value is drawn, and those counts
   * follow a multinomial distribution. Drawing the counts (one binomial per value) gives exactly
   * the distribution that drawing n indices gives, in a few hundred steps instead of n.
   */
  double[] resampledMeans(DistinctValues distinct, int n) {
    double[] means = new double[resamples];
    forEachBlock(
        (rng, from, to) -> {
          for (int r = from; r < to; r++) {
            long left = n;
            long remainingWeight = n;
            double sum = 0;
            for (int k = 0; k < distinct.size() && left > 0; k++) {
              long count =
                  k == distinct.size() - 1
                      ? left
                      : Binomial.sample(rng, left, distinct.count(k) / (double) remainingWeight);
              sum += count * distinct.value(k);
              left -= count;
              remainingWeight -= distinct.count(k);
            }
            means[r] = sum / n;
          }
        });
    return means;
  }

  /**
   * Resampling by index, cache-blocked. The n draws of a resample are split over chunks of 2048
   * consecutive values by a multinomial draw of how many fall in each chunk (exact: that is how n
   * uniform indices distribute), then each chunk's draws are made inside the chunk. A chunk (16
   * KiB) stays in the L1 cache while all resamples of a block draw from it, and an index inside a
   * chunk is 11 random bits, five from each 64-bit random number.
   */
  double[] resampledMeansByIndex(double[] values) {
    double[] means = new double[resamples];
    int n = values.length;
    int fullChunks = n >>> CHUNK_BITS;
    int tail = n & CHUNK_MASK;
    int chunks = fullChunks + (tail > 0 ? 1 : 0);
    forEachBlock(
        (rng, from, to) -> {
          int size = to - from;
          int[] counts = new int[size * chunks];
          for (int r = 0; r < size; r++) {
            long left = n;
            long remainingSize = n;
            for (int c = 0; c < chunks; c++) {
              int chunkSize = c < fullChunks ? CHUNK : tail;
              long count =
                  c == chunks - 1
                      ? left
                      : Binomial.sample(rng, left, chunkSize / (double) remainingSize);
              counts[r * chunks + c] = (int) count;
              left -= count;
              remainingSize -= chunkSize;
            }
          }
          double[] sums = new double[size];
          double[] chunk = new double[CHUNK]; // indexing a copy by 11 bits alone is faster
          long bits = rng.nextLong();
          for (int c = 0; c < chunks; c++) {
            int offset = c << CHUNK_BITS;
            if (c < fullChunks) {
              System.arraycopy(values, offset, chunk, 0, CHUNK);
            }
            for (int r = 0; r < size; r++) {
              int count = counts[r * chunks + c];
              if (c < fullChunks) {
                bits = Xoshiro256.mix(bits + GOLDEN); // a counter-based stream: no long dependency
                sums[r] += sumOfChunk(chunk, count, bits);
              } else {
                sums[r] += sumOfTail(values, offset, tail, count, rng);
              }
            }
          }
          for (int r = 0; r < size; r++) {
            means[from + r] = sums[r] / n;
          }
        });
    return means;
  }

  private static final int CHUNK_BITS = 11;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int CHUNK_MASK = CHUNK - 1;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** {@code count} draws from a full chunk; five indices from each 64-bit SplitMix64 output. */
  private static double sumOfChunk(double[] chunk, int count, long seed) {
    long state = seed;
    double a = 0;
    double b = 0;
    double c = 0;
    double d = 0;
    double e = 0;
    int k = 0;
    for (; k + 5 <= count; k += 5) {
      long z = Xoshiro256.mix(state += GOLDEN);
      a += chunk[(int) (z & CHUNK_MASK)];
      b += chunk[(int) ((z >>> 11) & CHUNK_MASK)];
      c += chunk[(int) ((z >>> 22) & CHUNK_MASK)];
      d += chunk[(int) ((z >>> 33) & CHUNK_MASK)];
      e += chunk[(int) ((z >>> 44) & CHUNK_MASK)];
    }
    if (k < count) {
      long z = Xoshiro256.mix(state + GOLDEN);
      for (int shift = 0; k < count; k++, shift += CHUNK_BITS) {
        a += chunk[(int) ((z >>> shift) & CHUNK_MASK)];
      }
    }
    return (a + b) + (c + d) + e;
  }

  /** {@code count} draws from the last, partial chunk, by Lemire's unbiased method. */
  private static double sumOfTail(
      double[] values, int offset, int size, int count, Xoshiro256 rng) {
    double a = 0;
    double b = 0;
    int k = 0;
    for (; k + 2 <= count; k += 2) {
      long x = rng.nextLong();
      a += values[offset + Xoshiro256.boundedInt(x >>> 32, size, rng)];
      b += values[offset + Xoshiro256.boundedInt(x & 0xFFFFFFFFL, size, rng)];
    }
    if (k < count) {
      a += values[offset + rng.nextInt(size)];
    }
    return a + b;
  }

  /** Work on the resamples [from, to) of one block, with the block's own random stream. */
  @FunctionalInterface
  private interface BlockWork {
    void run(Xoshiro256 rng, int from, int to);
  }

  private void forEachBlock(BlockWork work) {
    int blocks = (resamples + BLOCK - 1) / BLOCK;
    IntStream range = IntStream.range(0, blocks);
    (parallel ? range.parallel() : range)
        .forEach(
            block ->
                work.run(
                    Xoshiro256.forStream(seed, block),
                    block * BLOCK,
                    Math.min(resamples, (block + 1) * BLOCK)));
  }
}
