package io.ctsuite.tracking.sweep;

import io.ctsuite.tracking.sweep.schedule.Objective;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ranks trials by the last value of the sweep's metric (the value the trained model ends with),
 * best first; trials that reported nothing come last, by number.
 */
public final class Leaderboard {
  private Leaderboard() {}

  public static List<Trial> rank(List<Trial> trials, Objective objective) {
    List<Trial> ranked = new ArrayList<>(trials);
    ranked.sort(order(objective));
    return ranked;
  }

  /**
   * The trial whose configuration to use: the best that completed (ran to its end), or the best of
   * all when none completed. A stopped trial's last value was measured early and is not comparable
   * with a finished one.
   */
  public static Optional<Trial> best(List<Trial> trials, Objective objective) {
    List<Trial> ranked = rank(trials, objective);
    Optional<Trial> completed =
        ranked.stream()
            .filter(t -> t.status() == TrialStatus.COMPLETED && t.reports() > 0)
            .findFirst();
    return completed.isPresent()
        ? completed
        : ranked.stream().filter(t -> t.reports() > 0).findFirst();
  }

  private static Comparator<Trial> order(Objective objective) {
    return Comparator.comparing((Trial t) -> t.reports() == 0)
        .thenComparing(
            Comparator.comparingDouble((Trial t) -> objective.score(t.lastValue())).reversed())
        .thenComparingInt(Trial::number);
  }
}
