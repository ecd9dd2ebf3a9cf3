package io.ctsuite.gpu.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Jenkins agent pods made from the real GPU pod fixture: no public fixture is a Kubernetes-plugin
 * agent pod, so the real pod is kept whole (containers, volumes, tolerations, status) and only
 * given an agent's name, labels, node, phase, times and GPU resources.
 */
public final class AgentPodFixtures {
  public static final String NAMESPACE = "ci";

  private AgentPodFixtures() {}

  public static Pod running(String name, String node, Instant started, Map<String, String> gpus) {
    return agent(name, node, "Running", started, gpus);
  }

  public static Pod pending(String name, Instant created, Map<String, String> gpus) {
    Pod pod = agent(name, null, "Pending", created, gpus);
    pod.getStatus().setStartTime(null);
    pod.getStatus().setContainerStatuses(List.of());
    pod.getStatus()
        .setConditions(
            List.of(
                new PodConditionBuilder()
                    .withType("PodScheduled")
                    .withStatus("False")
                    .withReason("Unschedulable")
                    .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
                    .withLastTransitionTime(created.toString())
                    .build()));
    pod.getStatus().setHostIP(null);
    pod.getStatus().setPodIP(null);
    pod.getStatus().setPodIPs(List.of());
    return pod;
  }

  public static Pod failed(String name, String node, Instant started, String reason) {
    Pod pod = agent(name, node, "Failed", started, Map.of("nvidia.com/gpu", "1"));
    ContainerStatus status =
        new ContainerStatusBuilder(pod.getStatus().getContainerStatuses().get(0))
            .withState(
                new ContainerStateBuilder()
                    .withNewTerminated()
                    .withReason(reason)
                    .withExitCode(137)
                    .endTerminated()
                    .build())
            .withReady(false)
            .build();
    pod.getStatus().setContainerStatuses(List.of(status));
    return pod;
  }

  private static Pod agent(
      String name, String node, String phase, Instant created, Map<String, String> gpus) {
    Pod pod =
        new PodBuilder(KubernetesFixtures.gpuPod())
            .editMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString())
            .withResourceVersion(null)
            .withCreationTimestamp(created.toString())
            .withLabels(
                Map.of(
                    "jenkins", "slave",
                    "jenkins/label", "gpu-train",
                    "jenkins/label-digest", "5e0ed4c4d3a1c1b8b2d0b6c6a0f1c7a3e2d9f0b1"))
            .addToAnnotations("buildUrl", "http://jenkins:8080/job/ml/job/retrain/42/")
            .endMetadata()
            .editSpec()
            .withNodeName(node)
            .editFirstContainer()
            .editResources()
            .withLimits(quantities(gpus))
            .withRequests(quantities(gpus))
            .endResources()
            .endContainer()
            .endSpec()
            .editStatus()
            .withPhase(phase)
            .withStartTime(created.toString())
            .endStatus()
            .build();
    return pod;
  }

  private static Map<String, Quantity> quantities(Map<String, String> gpus) {
    Map<String, Quantity> map = new java.util.TreeMap<>();
    gpus.forEach((k, v) -> map.put(k, new Quantity(v)));
    return map;
  }

  /** A scheduler or autoscaler event about a pod, as the API server stores it. */
  public static Event event(Pod pod, String type, String reason, String message, Instant at) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(pod.getMetadata().getName() + "." + Long.toHexString(at.toEpochMilli()))
        .withNamespace(pod.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Pod")
        .withNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(at.toString())
        .withLastTimestamp(at.toString())
        .withCount(1)
        .build();
  }
}
