package io.ctsuite.gpu.cluster;

import io.ctsuite.gpu.pod.GpuPodGenerator;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the inventory and the reaper need to know of a pod, taken from the Kubernetes object once so
 * that decision rounds over thousands of pods stay cheap.
 *
 * @param agent whether it is a Jenkins agent pod (see {@link AgentPods})
 * @param gpuRequest the GPU request it was made from (annotation), or null
 * @param unschedulableSince when the scheduler first found no node for it (the PodScheduled=False
 *     condition), or null
 * @param waitingMessage why it is not running yet: the scheduler's condition message or a
 *     container's waiting reason; null when running
 * @param stopReason for an ended pod, its reason or the first terminated container's reason
 */
public record PodView(
    String namespace,
    String name,
    String uid,
    String nodeName,
    String phase,
    Instant created,
    Instant started,
    Instant unschedulableSince,
    boolean terminating,
    Map<String, Long> gpus,
    boolean agent,
    String gpuRequest,
    String waitingMessage,
    String stopReason)
    implements Serializable {

  public PodView {
    gpus = gpus == null ? Map.of() : GpuResources.sorted(gpus);
  }

  /** The view of a pod; {@code agents} says which pods are Jenkins agents. */
  public static PodView of(Pod pod, AgentPods agents) {
    var meta = pod.getMetadata();
    var status = pod.getStatus();
    String phase = status == null || status.getPhase() == null ? "Unknown" : status.getPhase();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    return new PodView(
        meta.getNamespace(),
        meta.getName(),
        meta.getUid(),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        phase,
        Timestamps.parse(meta.getCreationTimestamp()),
        status == null ? null : Timestamps.parse(status.getStartTime()),
        unschedulableSince(pod),
        meta.getDeletionTimestamp() != null,
        GpuResources.ofPod(pod.getSpec()),
        agents.test(meta.getLabels()),
        annotations.get(GpuPodGenerator.REQUEST_ANNOTATION),
        waitingMessage(pod),
        stopReason(pod));
  }

  /** namespace/name, the way kubectl users name pods. */
  public String key() {
    return namespace + "/" + name;
  }

  public boolean isPending() {
    return "Pending".equals(phase);
  }

  public boolean hasEnded() {
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Whether it holds node resources: bound to a node and not ended. */
  public boolean holdsResources() {
    return nodeName != null && !hasEnded();
  }

  public boolean wantsGpus() {
    return !gpus.isEmpty();
  }

  /** Since when it waits for a node: the earliest of its creation and the scheduler's verdict. */
  public Instant pendingSince() {
    if (created == null) {
      return unschedulableSince;
    }
    return unschedulableSince != null && unschedulableSince.isBefore(created)
        ? unschedulableSince
        : created;
  }

  private static Instant unschedulableSince(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    for (PodCondition condition : nonNull(pod.getStatus().getConditions())) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
        return Timestamps.parse(condition.getLastTransitionTime());
      }
    }
    return null;
  }

  private static String waitingMessage(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    for (PodCondition condition : nonNull(pod.getStatus().getConditions())) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
        return join(condition.getReason(), condition.getMessage());
      }
    }
    for (ContainerStatus container : nonNull(pod.getStatus().getContainerStatuses())) {
      if (container.getState() != null && container.getState().getWaiting() != null) {
        var waiting = container.getState().getWaiting();
        return "container "
            + container.getName()
            + ": "
            + join(waiting.getReason(), waiting.getMessage());
      }
    }
    return null;
  }

  private static String stopReason(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    if (pod.getStatus().getReason() != null) {
      return join(pod.getStatus().getReason(), pod.getStatus().getMessage());
    }
    for (ContainerStatus container : nonNull(pod.getStatus().getContainerStatuses())) {
      if (container.getState() != null && container.getState().getTerminated() != null) {
        var terminated = container.getState().getTerminated();
        return "container "
            + container.getName()
            + " "
            + (terminated.getReason() == null ? "ended" : terminated.getReason())
            + (terminated.getExitCode() == null ? "" : " (exit " + terminated.getExitCode() + ")");
      }
    }
    return null;
  }

  private static String join(String reason, String message) {
    if (reason == null) {
      return message;
    }
    return message == null || message.isBlank() ? reason : reason + ": " + message.strip();
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
