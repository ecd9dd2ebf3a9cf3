package io.ctsuite.tracking.sweep.schedule;

import java.util.Arrays;

/**
 * Scores kept sorted, best first, so that a rung's cutoff and a newcomer's rank cost a binary
 * search rather than a sort of the whole rung: a sweep of thousands of trials decides in
 * microseconds.
 */
final class RankedScores {
  private double[] scores = new double[16];
  private int size;

  int size() {
    return size;
  }

  void add(double score) {
    if (size == scores.length) {
      scores = Arrays.copyOf(scores, size * 2);
    }
    int at = firstNotBetterThan(score);
    System.arraycopy(scores, at, scores, at + 1, size - at);
    scores[at] = score;
    size++;
  }

  void remove(double score) {
    int at = firstNotBetterThan(score);
    if (at < size && Double.compare(scores[at], score) == 0) {
      System.arraycopy(scores, at + 1, scores, at, size - at - 1);
      size--;
    }
  }

  /** The {@code k}-th best score, from 1. */
  double best(int k) {
    return scores[k - 1];
  }

  /** 1 + the number of scores strictly better than {@code score}. */
  int rankOf(double score) {
    return firstNotBetterThan(score) + 1;
  }

  void clear() {
    size = 0;
  }

  /** The index of the first score that is not strictly better (larger) than {@code score}. */
  private int firstNotBetterThan(double score) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (scores[mid] > score) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
