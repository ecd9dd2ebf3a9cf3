package io.ctsuite.datasets.ops;

import io.ctsuite.datasets.IntSorter;
import io.ctsuite.datasets.Manifest;
import java.util.Arrays;

/**
 * Deterministic sampling: every entry gets a rank from the seed, its path and its content, and a
 * sample of k is the k lowest ranks. The same seed on the same version gives the same sample on any
 * machine; adding files to a version keeps most of an earlier sample, since ranks do not move.
 */
final class SeededChoice {
  private SeededChoice() {}

  static long rank(long seed, Manifest m, int i) {
    return mix(seed ^ mix(m.pathFingerprint(i) ^ mix(m.hashPrefix(i))));
  }

  /** SplitMix64's finalizer: a cheap, well-spread 64-bit mix. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * The {@code k} candidates (indices into {@code m}) with the lowest ranks, ascending by index.
   */
  static int[] pick(Manifest m, int[] candidates, int k, long seed) {
    if (k >= candidates.length) {
      int[] all = candidates.clone();
      Arrays.sort(all);
      return all;
    }
    long[] ranks = new long[candidates.length];
    int[] order = new int[candidates.length];
    for (int c = 0; c < candidates.length; c++) {
      ranks[c] = rank(seed, m, candidates[c]);
      order[c] = c;
    }
    IntSorter.sort(
        order,
        (a, b) -> {
          int r = Long.compare(ranks[a], ranks[b]);
          return r != 0 ? r : Integer.compare(candidates[a], candidates[b]);
        });
    int[] chosen = new int[k];
    for (int c = 0; c < k; c++) {
      chosen[c] = candidates[order[c]];
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /** Splits {@code total} over shares (summing to 1) by largest remainder, so parts add up. */
  static long[] apportion(long total, double[] shares) {
    long[] parts = new long[shares.length];
    double[] remainders = new double[shares.length];
    long given = 0;
    for (int k = 0; k < shares.length; k++) {
      double exact = total * shares[k];
      parts[k] = (long) Math.floor(exact);
      remainders[k] = exact - parts[k];
      given += parts[k];
    }
    Integer[] order = new Integer[shares.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(remainders[b], remainders[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    for (int k = 0; given < total && k < order.length; k++, given++) {
      parts[order[k]]++;
    }
    return parts;
  }
}
