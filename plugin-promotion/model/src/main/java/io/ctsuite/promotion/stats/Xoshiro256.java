package io.ctsuite.promotion.stats;

/**
 * The xoshiro256++ generator (Blackman and Vigna): fast, small state, good statistical quality, and
 * the same sequence on every JVM for a seed, which makes resampling results reproducible.
 *
 * <p>Not thread safe: each worker owns one, seeded from a stream id with {@link #forStream}.
 */
public final class Xoshiro256 {
  private long s0;
  private long s1;
  private long s2;
  private long s3;

  public Xoshiro256(long seed) {
    // SplitMix64 expands one seed into the four words of state, as the authors recommend.
    long x = seed;
    s0 = mix(x += 0x9E3779B97F4A7C15L);
    s1 = mix(x += 0x9E3779B97F4A7C15L);
    s2 = mix(x += 0x9E3779B97F4A7C15L);
    s3 = mix(x + 0x9E3779B97F4A7C15L);
    if ((s0 | s1 | s2 | s3) == 0) {
      s0 = 1; // the all-zero state is the one state the generator cannot leave
    }
  }

  /** A generator in a given state: for checking against the authors' reference output. */
  Xoshiro256(long s0, long s1, long s2, long s3) {
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** A generator for one numbered stream of a seed: independent of how work is split on threads. */
  public static Xoshiro256 forStream(long seed, long stream) {
    return new Xoshiro256(mix(seed ^ mix(stream + 0x632BE59BD9B4E019L)));
  }

  /** SplitMix64's finaliser: a bijective mixing of 64 bits. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    long result = Long.rotateLeft(s0 + s3, 23) + s0;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** A uniform double in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * A uniform int in [0, bound) without bias (Lemire's multiply-and-reject method on 32 random
   * bits).
   */
  public int nextInt(int bound) {
    return boundedInt(nextLong() >>> 32, bound, this);
  }

  /**
   * Maps 32 random bits to [0, bound) without bias; draws fresh bits from {@code rng} only in the
   * rare case that the first ones fall in the rejected zone.
   */
  static int boundedInt(long bits32, int bound, Xoshiro256 rng) {
    long product = bits32 * bound;
    long low = product & 0xFFFFFFFFL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        product = (rng.nextLong() >>> 32) * bound;
        low = product & 0xFFFFFFFFL;
      }
    }
    return (int) (product >>> 32);
  }
}
