package io.ctsuite.tracking.sweep;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How much compute a sweep used, in units of its time attribute (epochs, steps), against running
 * every trial to max_t, and how its trials ended.
 *
 * @param used the time units all trials used, including interrupted attempts
 * @param budget trials × max_t; infinite when trials have no budget
 * @param counts trials by status
 */
public record ComputeSummary(double used, double budget, Map<TrialStatus, Integer> counts) {

  /** The compute of these trials of a sweep. */
  public static ComputeSummary of(SweepSpec spec, List<Trial> trials) {
    double used = 0;
    Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
    for (Trial trial : trials) {
      used += trial.compute();
      counts.merge(trial.status(), 1, Integer::sum);
    }
    return new ComputeSummary(used, spec.fullBudget(), counts);
  }

  /** The fraction of the budget not used, or NaN without a finite budget. */
  public double savedFraction() {
    if (Double.isInfinite(budget) || budget <= 0) {
      return Double.NaN;
    }
    return 1 - used / budget;
  }

  public int count(TrialStatus status) {
    return counts.getOrDefault(status, 0);
  }
}
