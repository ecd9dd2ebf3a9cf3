package io.ctsuite.tracking.sweep.sim;

import java.util.Arrays;

/**
 * When the ranking of a family's trials starts to point at a winner, and what that costs at the
 * least: the first epoch {@code t} at which some trial that ends within the noise of the best ranks
 * among the top {@code ⌈n/η⌉} of all {@code n} trials (by their observed values at {@code t}), and
 * the compute of the cheapest rule of ASHA's kind that keeps such a trial: run every trial to
 * {@code t}, then the top {@code 1/η} to {@code max_t}, i.e. {@code (t + (max_t − t)/η) / max_t} of
 * running every trial to the end.
 *
 * <p>It explains a failure rather than predicting one: a rule that keeps the top {@code 1/η} at an
 * epoch before {@code t} keeps a near-winner only if that trial escaped the cut (a bracket that
 * judges later, a trial that was never compared), and one that judges every trial at {@code t} or
 * later spends at least the floor. So when the floor is above half the baseline, no rule that keeps
 * the top {@code 1/η} of the trials it judges meets the benchmark's compute goal on that seed
 * without luck. Rules that keep a larger share early and cut harder later are not bounded by it.
 *
 * @param visibleAt the first such epoch ({@code max_t} when none comes earlier)
 * @param computeFloor the cheapest such rule's compute, as a fraction of the baseline's
 */
public record RankingFloor(int visibleAt, double computeFloor) {

  /** The floor of one simulated sweep whose best final trial is {@code winner}. */
  static RankingFloor of(SweepSimulator simulator, int winner, double noise, int eta) {
    int n = simulator.trials();
    int maxT = simulator.maxT();
    double best = simulator.observe(winner, maxT);
    boolean[] nearWinner = new boolean[n];
    for (int i = 0; i < n; i++) {
      nearWinner[i] = best - simulator.observe(i, maxT) <= noise;
    }
    int top = (n + eta - 1) / eta;
    double[] values = new double[n];
    for (int t = 1; t < maxT; t++) {
      for (int i = 0; i < n; i++) {
        values[i] = simulator.observe(i, t);
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      double cutoff = sorted[n - top]; // the top-th best value
      for (int i = 0; i < n; i++) {
        if (nearWinner[i] && values[i] >= cutoff) {
          return new RankingFloor(t, (t + (double) (maxT - t) / eta) / maxT);
        }
      }
    }
    return new RankingFloor(maxT, 1);
  }
}
