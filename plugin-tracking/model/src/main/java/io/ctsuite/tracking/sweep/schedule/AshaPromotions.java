package io.ctsuite.tracking.sweep.schedule;

import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ASHA in the promotion form of the paper (Li et al., MLSys 2020, Algorithm 2), for trials that can
 * be paused at a rung and resumed later from a checkpoint. A trial runs to a rung's budget and
 * reports; a free worker then asks for a job: the best not-yet-promoted trial among the top {@code
 * ⌊n/η⌋} of the highest rung that has one is promoted to the next rung, otherwise a new trial
 * starts at the bottom rung. Unlike the stopping form ({@link AshaScheduler}), a trial that ranks
 * low on arrival can still be promoted once more results arrive, so early arrivals are not judged
 * on a nearly empty rung.
 *
 * <p>Processes started by {@code ct sweep run} cannot be paused and resumed, so only the sweep
 * benchmark uses this form; it measures what the paper's variant would save with checkpoints.
 */
public final class AshaPromotions {
  /**
   * Run {@code trial} (or a new one when {@code trial} is 0) up to {@code budget} at {@code level}.
   */
  public record Job(int trial, int level, double budget) {
    public boolean startsNewTrial() {
      return trial == 0;
    }
  }

  private final Objective objective;
  private final int reductionFactor;
  private final double[] budgets;
  private final List<Map<Integer, Double>> rungs = new ArrayList<>();
  private final List<Set<Integer>> promoted = new ArrayList<>();

  public AshaPromotions(Objective objective, double maxT, double gracePeriod, int reductionFactor) {
    this.objective = objective;
    this.reductionFactor = reductionFactor;
    double[] lower = AshaScheduler.milestones(maxT, gracePeriod, reductionFactor);
    this.budgets = java.util.Arrays.copyOf(lower, lower.length + 1);
    budgets[lower.length] = maxT;
    for (int i = 0; i < budgets.length; i++) {
      rungs.add(new LinkedHashMap<>());
      promoted.add(new HashSet<>());
    }
  }

  /** The budget of each level; the last is max_t. */
  public double[] budgets() {
    return budgets.clone();
  }

  public int topLevel() {
    return budgets.length - 1;
  }

  /** Records a trial's value at the end of a level's budget. */
  public void record(int trial, int level, double value) {
    rungs.get(level).put(trial, value);
  }

  /**
   * The next job: the best promotable trial of the highest rung with one, else a new trial at the
   * bottom level (the caller decides whether trials remain to be started).
   */
  public Job next() {
    Optional<Job> promotion = promotion();
    return promotion.orElse(new Job(0, 0, budgets[0]));
  }

  /** The promotion a free worker should run, if any. */
  public Optional<Job> promotion() {
    for (int level = budgets.length - 2; level >= 0; level--) {
      for (int trial : promotable(level)) {
        promoted.get(level).add(trial);
        return Optional.of(new Job(trial, level + 1, budgets[level + 1]));
      }
    }
    return Optional.empty();
  }

  private List<Integer> promotable(int level) {
    List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(rungs.get(level).entrySet());
    ranked.sort(
        (a, b) -> Double.compare(objective.score(b.getValue()), objective.score(a.getValue())));
    int top = ranked.size() / reductionFactor;
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < top; i++) {
      int trial = ranked.get(i).getKey();
      if (!promoted.get(level).contains(trial)) {
        candidates.add(trial);
      }
    }
    return candidates;
  }

  /**
   * Why a trial that did not reach max_t stayed where it is: "not promoted past epoch 9: val/acc
   * 0.71 ranks 5 of 9 at that rung; the top 3 were promoted".
   */
  public String explainUnpromoted(int trial, String timeAttr) {
    for (int level = budgets.length - 2; level >= 0; level--) {
      Double value = rungs.get(level).get(trial);
      if (value == null) {
        continue;
      }
      int rank = 1;
      for (double other : rungs.get(level).values()) {
        if (objective.better(other, value)) {
          rank++;
        }
      }
      int n = rungs.get(level).size();
      return "not promoted past "
          + timeAttr
          + " "
          + ParamFormat.format(budgets[level])
          + ": "
          + objective.metric()
          + " "
          + Objective.brief(value)
          + " ranks "
          + rank
          + " of "
          + n
          + " at that rung; the top "
          + n / reductionFactor
          + " were promoted";
    }
    return "never reported";
  }

  public String describe(String timeAttr) {
    StringBuilder levels = new StringBuilder();
    for (int i = 0; i < budgets.length - 1; i++) {
      levels.append(i == 0 ? "" : ", ").append(ParamFormat.format(budgets[i]));
    }
    return "ASHA (promotion form, trials paused and resumed at rungs): rungs at "
        + timeAttr
        + " "
        + levels
        + "; max_t "
        + ParamFormat.format(budgets[budgets.length - 1])
        + "; the top 1/"
        + reductionFactor
        + " of each rung are promoted";
  }
}
