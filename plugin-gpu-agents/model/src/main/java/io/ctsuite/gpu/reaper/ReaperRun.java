package io.ctsuite.gpu.reaper;

import io.ctsuite.gpu.cluster.ClusterSnapshot;
import io.ctsuite.gpu.cluster.KubernetesGpuCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * One reaping round against a cluster: read, decide, and (unless dry) delete. The decision is taken
 * on a snapshot; Jenkins' view must be read after it, so that a build that started in between is
 * seen as running.
 */
public final class ReaperRun {
  private final KubernetesGpuCluster cluster;
  private final Reaper reaper;

  public ReaperRun(KubernetesGpuCluster cluster, ReaperPolicy policy) {
    this.cluster = cluster;
    this.reaper = new Reaper(policy);
  }

  /** The result of a round: the plan and the pods actually deleted. */
  public record Outcome(ReapPlan plan, List<ReapDecision> deleted, List<String> problems) {}

  public Outcome run(java.util.function.Supplier<JenkinsAgents> jenkins, boolean dryRun) {
    return run(jenkins, dryRun, null);
  }

  /** A round over the agent pods of one namespace (all namespaces when null). */
  public Outcome run(
      java.util.function.Supplier<JenkinsAgents> jenkins, boolean dryRun, String namespace) {
    ClusterSnapshot snapshot = cluster.snapshot();
    List<io.ctsuite.gpu.cluster.PodView> pods =
        namespace == null
            ? snapshot.pods()
            : snapshot.pods().stream().filter(p -> namespace.equals(p.namespace())).toList();
    ReapPlan plan = reaper.decide(pods, snapshot.events(), jenkins.get(), snapshot.at());
    List<ReapDecision> deleted = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (!dryRun) {
      for (ReapDecision decision : plan.deletions()) {
        try {
          if (cluster.delete(decision.pod())) {
            deleted.add(decision);
          }
        } catch (RuntimeException e) {
          problems.add("could not delete " + decision.pod().key() + ": " + e.getMessage());
        }
      }
    }
    return new Outcome(plan, deleted, problems);
  }
}
