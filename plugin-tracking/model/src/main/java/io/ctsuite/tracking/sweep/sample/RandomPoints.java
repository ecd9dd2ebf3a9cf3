package io.ctsuite.tracking.sweep.sample;

import java.util.SplittableRandom;

/**
 * Independent uniform random points. Point {@code i} comes from its own generator seeded by the
 * sweep seed and {@code i}, so it does not depend on which points were drawn before (resuming a
 * sweep, or asking for one trial's parameters again, gives the same values).
 */
public final class RandomPoints implements PointSource {
  private final int dimensions;
  private final long seed;

  public RandomPoints(int dimensions, long seed) {
    this.dimensions = dimensions;
    this.seed = seed;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public double[] point(long index) {
    SplittableRandom random = new SplittableRandom(seed).split();
    random = new SplittableRandom(random.nextLong() ^ mix(index));
    double[] point = new double[dimensions];
    for (int d = 0; d < dimensions; d++) {
      point[d] = random.nextDouble();
    }
    return point;
  }

  /** A 64-bit finaliser (from SplitMix64) so that neighbouring indexes get unrelated seeds. */
  private static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
