package io.ctsuite.gpu.cluster;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** Nodes, pods and pod events read from a cluster at one moment. */
public record ClusterSnapshot(
    List<NodeView> nodes, List<PodView> pods, List<EventView> events, Instant at)
    implements Serializable {

  public ClusterSnapshot {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
    events = List.copyOf(events);
  }

  public GpuInventory inventory() {
    return GpuInventory.of(nodes, pods, events, at);
  }
}
