package io.ctsuite.gpu.reaper;

import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.cluster.EventView;
import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.cluster.GpuResources;
import io.ctsuite.gpu.cluster.PodView;
import io.ctsuite.gpu.reaper.ReapDecision.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which Jenkins agent pods to delete, as a pure function of the pods, their events,
 * Jenkins' view of its agents and the time. It deletes pods whose build has ended or was aborted,
 * pods that waited for a node too long (a GPU scale-up that failed), idle agents, agents Jenkins
 * lost, and pods that stopped; and it never deletes a pod that runs a build.
 */
public final class Reaper {
  private final ReaperPolicy policy;

  public Reaper(ReaperPolicy policy) {
    this.policy = policy;
  }

  /** A decision, with its reason, for every agent pod; other pods are not looked at. */
  public ReapPlan decide(
      List<PodView> pods, List<EventView> events, JenkinsAgents jenkins, Instant now) {
    Map<String, EventView> latest = GpuInventory.latestSchedulingEvents(events);
    List<ReapDecision> decisions = new ArrayList<>();
    int ignored = 0;
    for (PodView pod : pods) {
      if (!pod.agent()) {
        ignored++;
        continue;
      }
      decisions.add(decide(pod, latest.get(pod.key()), jenkins, now));
    }
    return new ReapPlan(decisions, ignored, now);
  }

  ReapDecision decide(PodView pod, EventView event, JenkinsAgents jenkins, Instant now) {
    AgentActivity activity = jenkins.of(pod.name()).orElse(null);
    if (pod.terminating()) {
      return keep(pod, "it is already being deleted");
    }
    if (activity != null && activity.state() == AgentActivity.State.BUSY) {
      return keep(
          pod,
          "it runs build "
              + (activity.build() == null ? "(unnamed)" : activity.build())
              + "; a pod running a build is never deleted");
    }
    if (pod.hasEnded()) {
      return delete(
          pod,
          "the pod has stopped (phase "
              + pod.phase()
              + (pod.stopReason() == null ? "" : ", " + pod.stopReason())
              + ") and no build runs on it");
    }
    if (activity != null && activity.state() == AgentActivity.State.BUILD_ENDED) {
      return buildEnded(pod, activity, now);
    }
    if (pod.isPending()) {
      return pending(pod, event, now);
    }
    if (activity != null && activity.state() == AgentActivity.State.IDLE) {
      return idle(pod, activity, now);
    }
    if (activity == null && jenkins.complete()) {
      return orphan(pod, now);
    }
    return keep(
        pod,
        "Jenkins did not say whether a build runs on it, so it is kept (give the agents' states"
            + " to reap running pods)");
  }

  private ReapDecision buildEnded(PodView pod, AgentActivity activity, Instant now) {
    String build = activity.build() == null ? "its build" : "build " + activity.build();
    String result = activity.result() == null ? "" : " (" + activity.result() + ")";
    if (activity.since() == null) {
      return delete(pod, build + " has ended" + result + " and the pod is still there");
    }
    Duration ago = Duration.between(activity.since(), now);
    if (ago.compareTo(policy.endedGrace()) >= 0) {
      return delete(
          pod,
          build
              + " ended"
              + result
              + " "
              + Durations.words(ago)
              + " ago and the Kubernetes plugin did not remove the pod");
    }
    return keep(
        pod,
        build
            + " ended"
            + result
            + " "
            + Durations.words(ago)
            + " ago; the Kubernetes plugin gets "
            + Durations.words(policy.endedGrace())
            + " to remove the pod");
  }

  private ReapDecision pending(PodView pod, EventView event, Instant now) {
    Duration waited =
        pod.pendingSince() == null ? Duration.ZERO : Duration.between(pod.pendingSince(), now);
    String why = GpuInventory.reason(pod, event);
    if (waited.compareTo(policy.pendingTimeout()) > 0) {
      return delete(
          pod,
          "Pending for "
              + Durations.words(waited)
              + " (limit "
              + Durations.words(policy.pendingTimeout())
              + "), so no node came up for it: "
              + why);
    }
    return keep(
        pod,
        "Pending for "
            + Durations.words(waited)
            + " of at most "
            + Durations.words(policy.pendingTimeout())
            + " (GPU nodes take long to scale up): "
            + why);
  }

  private ReapDecision idle(PodView pod, AgentActivity activity, Instant now) {
    Instant since = activity.since() != null ? activity.since() : startOf(pod);
    Duration idle = since == null ? Duration.ZERO : Duration.between(since, now);
    if (idle.compareTo(policy.idleTimeout()) > 0) {
      return delete(
          pod,
          "the agent has been idle for "
              + Durations.words(idle)
              + " (limit "
              + Durations.words(policy.idleTimeout())
              + ")");
    }
    return keep(
        pod,
        "the agent has been idle for "
            + Durations.words(idle)
            + " of at most "
            + Durations.words(policy.idleTimeout()));
  }

  private ReapDecision orphan(PodView pod, Instant now) {
    Instant start = startOf(pod);
    Duration age = start == null ? Duration.ZERO : Duration.between(start, now);
    if (age.compareTo(policy.orphanGrace()) > 0) {
      return delete(
          pod,
          "Jenkins has no agent by this name (a controller restart or a failed launch leaves such"
              + " pods) and it has run for "
              + Durations.words(age));
    }
    return keep(
        pod,
        "Jenkins does not know it yet; it may still be connecting ("
            + Durations.words(age)
            + " of "
            + Durations.words(policy.orphanGrace())
            + ")");
  }

  private static Instant startOf(PodView pod) {
    return pod.started() != null ? pod.started() : pod.created();
  }

  private static ReapDecision keep(PodView pod, String reason) {
    return new ReapDecision(pod, Action.KEEP, "keep: " + reason);
  }

  private static ReapDecision delete(PodView pod, String reason) {
    String frees =
        pod.wantsGpus() && pod.nodeName() != null && !pod.hasEnded()
            ? "; frees " + GpuResources.describe(pod.gpus()) + " on " + pod.nodeName()
            : "";
    return new ReapDecision(pod, Action.DELETE, "delete: " + reason + frees);
  }
}
