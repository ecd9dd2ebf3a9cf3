package io.ctsuite.gpu.cluster;

import io.ctsuite.gpu.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GPUs of a cluster at one moment: per GPU node what it has, what running pods hold and what is
 * free; and the pods that wait for GPUs, with the scheduler's or autoscaler's reason.
 */
public record GpuInventory(List<NodeGpus> nodes, List<PendingGpuPod> pending, Instant at)
    implements Serializable {

  public GpuInventory {
    nodes = List.copyOf(nodes);
    pending = List.copyOf(pending);
  }

  /** One GPU node: what it has, what pods hold, what is left. */
  public record NodeGpus(NodeView node, Map<String, Long> allocated, int pods)
      implements Serializable {
    public NodeGpus {
      allocated = GpuResources.sorted(allocated);
    }

    /** Allocatable minus allocated, per GPU resource, never below zero. */
    public Map<String, Long> free() {
      Map<String, Long> free = new TreeMap<>();
      node.allocatable()
          .forEach((name, n) -> free.put(name, Math.max(0, n - allocated.getOrDefault(name, 0L))));
      return free;
    }

    /** Free resources that new pods can use: none on a cordoned or not-ready node. */
    public Map<String, Long> usableFree() {
      return node.schedulable() ? free() : Map.of();
    }

    /** "ready", "cordoned", "not ready", "not ready, cordoned". */
    public String state() {
      if (node.ready() && !node.unschedulable()) {
        return "ready";
      }
      List<String> parts = new ArrayList<>();
      if (!node.ready()) {
        parts.add("not ready");
      }
      if (node.unschedulable()) {
        parts.add("cordoned");
      }
      return String.join(", ", parts);
    }
  }

  /** A pod that asks for GPUs and has no node yet. */
  public record PendingGpuPod(PodView pod, Duration waiting, String reason)
      implements Serializable {}

  /**
   * Builds the inventory. Pods count against a node while bound to it and not ended; events give
   * the newest scheduling reason of each waiting pod.
   */
  public static GpuInventory of(
      List<NodeView> nodes, List<PodView> pods, List<EventView> events, Instant now) {
    Map<String, Map<String, Long>> allocated = new HashMap<>();
    Map<String, Integer> podCount = new HashMap<>();
    List<PodView> waiting = new ArrayList<>();
    for (PodView pod : pods) {
      if (!pod.wantsGpus()) {
        continue;
      }
      if (pod.holdsResources()) {
        Map<String, Long> onNode = allocated.computeIfAbsent(pod.nodeName(), n -> new TreeMap<>());
        pod.gpus().forEach((name, n) -> onNode.merge(name, n, Long::sum));
        podCount.merge(pod.nodeName(), 1, Integer::sum);
      } else if (pod.isPending() && pod.nodeName() == null && !pod.terminating()) {
        waiting.add(pod);
      }
    }
    List<NodeGpus> rows = new ArrayList<>();
    for (NodeView node : nodes) {
      if (node.hasGpus()) {
        rows.add(
            new NodeGpus(
                node,
                allocated.getOrDefault(node.name(), Map.of()),
                podCount.getOrDefault(node.name(), 0)));
      }
    }
    rows.sort(
        Comparator.comparing((NodeGpus n) -> String.valueOf(n.node().type()))
            .thenComparing(n -> n.node().name()));
    Map<String, EventView> latest = latestSchedulingEvents(events);
    List<PendingGpuPod> pending = new ArrayList<>();
    for (PodView pod : waiting) {
      Duration waited =
          pod.pendingSince() == null ? Duration.ZERO : Duration.between(pod.pendingSince(), now);
      pending.add(new PendingGpuPod(pod, waited, reason(pod, latest.get(pod.key()))));
    }
    pending.sort(
        Comparator.comparing(PendingGpuPod::waiting).reversed().thenComparing(p -> p.pod().key()));
    return new GpuInventory(rows, pending, now);
  }

  /** The newest scheduling event per pod. */
  public static Map<String, EventView> latestSchedulingEvents(List<EventView> events) {
    Map<String, EventView> latest = new HashMap<>();
    for (EventView event : events) {
      if (event == null || !event.aboutScheduling()) {
        continue;
      }
      latest.merge(
          event.podKey(),
          event,
          (a, b) -> b.time() != null && (a.time() == null || b.time().isAfter(a.time())) ? b : a);
    }
    return latest;
  }

  /** Why a pod waits, in the scheduler's or autoscaler's words. */
  public static String reason(PodView pod, EventView event) {
    if (event != null && event.message() != null) {
      return event.describe();
    }
    if (pod.waitingMessage() != null) {
      return pod.waitingMessage();
    }
    return "no scheduling event yet";
  }

  /** Totals per GPU type: allocatable, allocated and usable free whole-GPU equivalents. */
  public Map<String, long[]> totalsByType() {
    Map<String, long[]> totals = new TreeMap<>();
    for (NodeGpus row : nodes) {
      String type = row.node().type() == null ? "unknown" : row.node().type();
      long[] t = totals.computeIfAbsent(type, k -> new long[3]);
      t[0] += row.node().allocatable().getOrDefault(GpuResources.GPU, 0L);
      t[1] += row.allocated().getOrDefault(GpuResources.GPU, 0L);
      t[2] += row.usableFree().getOrDefault(GpuResources.GPU, 0L);
    }
    return totals;
  }

  /** "12 min" for people. */
  public static String words(Duration duration) {
    return Durations.words(duration);
  }
}
