package io.ctsuite.gpu.cluster;

import io.ctsuite.gpu.pod.PodSpecOptions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node as far as GPUs go: its product and type (GPU feature discovery labels), the GPUs and MIG
 * slices it has, and whether new pods may land on it.
 *
 * @param capacity GPU resources the node has, by resource name
 * @param allocatable GPU resources pods may use (capacity minus what the device plugin holds back,
 *     e.g. a MIG profile being reconfigured)
 * @param unschedulable cordoned ({@code kubectl cordon})
 * @param ready the kubelet reports Ready
 * @param spot carries one of the configured spot/preemptible labels
 * @param taints NoSchedule/NoExecute taints as "key=value:Effect"
 */
public record NodeView(
    String name,
    String product,
    String type,
    Map<String, Long> capacity,
    Map<String, Long> allocatable,
    boolean unschedulable,
    boolean ready,
    boolean spot,
    List<String> taints)
    implements Serializable {

  public NodeView {
    capacity = GpuResources.sorted(capacity);
    allocatable = GpuResources.sorted(allocatable);
    taints = List.copyOf(taints);
  }

  public static NodeView of(Node node, PodSpecOptions options) {
    Map<String, String> labels =
        node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    String product = labels.get(options.productLabel());
    var status = node.getStatus();
    boolean ready = false;
    if (status != null && status.getConditions() != null) {
      for (NodeCondition condition : status.getConditions()) {
        if ("Ready".equals(condition.getType())) {
          ready = "True".equals(condition.getStatus());
        }
      }
    }
    boolean spot = false;
    for (String label : options.spotNodeLabels()) {
      int equals = label.indexOf('=');
      spot |= label.substring(equals + 1).equals(labels.get(label.substring(0, equals)));
    }
    List<String> taints = new ArrayList<>();
    if (node.getSpec() != null && node.getSpec().getTaints() != null) {
      for (Taint taint : node.getSpec().getTaints()) {
        taints.add(
            taint.getKey()
                + (taint.getValue() == null || taint.getValue().isEmpty()
                    ? ""
                    : "=" + taint.getValue())
                + ":"
                + taint.getEffect());
      }
    }
    return new NodeView(
        node.getMetadata().getName(),
        product,
        product == null ? null : options.typeOfProduct(product),
        GpuResources.of(status == null ? null : status.getCapacity()),
        GpuResources.of(status == null ? null : status.getAllocatable()),
        node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()),
        ready,
        spot,
        taints);
  }

  /** Whether the node has GPUs at all (a device plugin resource or a GPU product label). */
  public boolean hasGpus() {
    return product != null || capacity.values().stream().anyMatch(n -> n > 0);
  }

  /** Whether new pods may be placed on it. */
  public boolean schedulable() {
    return ready && !unschedulable;
  }
}
