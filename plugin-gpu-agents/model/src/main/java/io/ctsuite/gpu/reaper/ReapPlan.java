package io.ctsuite.gpu.reaper;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The reaper's decisions for one round.
 *
 * @param decisions one per agent pod, in the order the pods came
 * @param ignoredPods pods that are not Jenkins agents, which the reaper never touches
 */
public record ReapPlan(List<ReapDecision> decisions, int ignoredPods, Instant at)
    implements Serializable {

  public ReapPlan {
    decisions = List.copyOf(decisions);
  }

  public List<ReapDecision> deletions() {
    return decisions.stream().filter(ReapDecision::deletes).toList();
  }
}
