package io.ctsuite.gpu.policy;

import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.cluster.GpuResources;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Free GPUs per type, per node: a pod's GPUs must all sit on one node, so 4 free GPUs spread over 4
 * nodes do not fit a 4-GPU build. An elastic capacity (a cluster that scales GPU node pools) has no
 * limit here; the quotas alone decide.
 */
public final class Capacity implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, List<Integer>> freeByType;
  private final boolean elastic;

  private Capacity(Map<String, List<Integer>> freeByType, boolean elastic) {
    this.freeByType = freeByType;
    this.elastic = elastic;
  }

  /** No limit: node pools grow with demand. */
  public static Capacity elastic() {
    return new Capacity(Map.of(), true);
  }

  /** Free GPUs per node, by type: {@code {"a100": [8, 2, 0], "mig-1g.10gb": [3]}}. */
  public static Capacity of(Map<String, List<Integer>> freeByType) {
    Map<String, List<Integer>> copy = new HashMap<>();
    freeByType.forEach(
        (type, free) -> copy.put(type.toLowerCase(java.util.Locale.ROOT), List.copyOf(free)));
    return new Capacity(copy, false);
  }

  /** What new pods can use now: free GPUs and MIG slices on ready, uncordoned nodes. */
  public static Capacity of(GpuInventory inventory) {
    Map<String, List<Integer>> free = new HashMap<>();
    for (GpuInventory.NodeGpus row : inventory.nodes()) {
      String type = row.node().type() == null ? "unknown" : row.node().type();
      row.usableFree()
          .forEach(
              (resource, n) -> {
                if (n <= 0) {
                  return;
                }
                String key =
                    resource.equals(GpuResources.GPU)
                        ? type
                        : resource.substring(GpuResources.MIG_PREFIX.length() - "mig-".length());
                free.computeIfAbsent(key, k -> new ArrayList<>())
                    .add((int) Math.min(n, Integer.MAX_VALUE));
              });
    }
    return of(free);
  }

  public boolean isElastic() {
    return elastic;
  }

  /** A working copy for one decision round. */
  Round round() {
    Map<String, int[]> free = new HashMap<>();
    freeByType.forEach(
        (type, list) -> free.put(type, list.stream().mapToInt(Integer::intValue).toArray()));
    return new Round(free, elastic);
  }

  /**
   * Capacity being handed out within one round. A node may be reserved for a large build that
   * waits: smaller builds then use the other nodes, and the reserved one fills up for the large
   * build as its pods end, instead of being nibbled away by a stream of small jobs.
   */
  static final class Round {
    private final Map<String, int[]> free;
    private final Map<String, boolean[]> reserved = new HashMap<>();
    private final boolean elastic;

    Round(Map<String, int[]> free, boolean elastic) {
      this.free = free;
      this.elastic = elastic;
    }

    /**
     * Takes {@code gpus} on one unreserved node of {@code type} (any whole-GPU type when null),
     * choosing the node that fits most tightly so that large free blocks stay for large builds.
     * Returns the type used, or null when nothing fits.
     */
    String take(String type, int gpus) {
      if (elastic) {
        return type == null ? "any" : type;
      }
      String bestType = null;
      int bestNode = -1;
      int bestFree = Integer.MAX_VALUE;
      for (Map.Entry<String, int[]> entry : free.entrySet()) {
        if (!matches(entry.getKey(), type)) {
          continue;
        }
        int[] nodes = entry.getValue();
        boolean[] kept = reserved.get(entry.getKey());
        for (int i = 0; i < nodes.length; i++) {
          if (nodes[i] >= gpus && nodes[i] < bestFree && (kept == null || !kept[i])) {
            bestType = entry.getKey();
            bestNode = i;
            bestFree = nodes[i];
          }
        }
      }
      if (bestType == null) {
        return null;
      }
      free.get(bestType)[bestNode] -= gpus;
      return bestType;
    }

    /**
     * Reserves the unreserved node of a type with the most free GPUs; returns how many it has free,
     * or -1 when there is none to reserve.
     */
    int reserve(String type) {
      if (elastic || type == null) {
        return -1;
      }
      int[] nodes = free.get(type.toLowerCase(java.util.Locale.ROOT));
      if (nodes == null) {
        return -1;
      }
      boolean[] kept =
          reserved.computeIfAbsent(
              type.toLowerCase(java.util.Locale.ROOT), k -> new boolean[nodes.length]);
      int best = -1;
      for (int i = 0; i < nodes.length; i++) {
        if (!kept[i] && (best < 0 || nodes[i] > nodes[best])) {
          best = i;
        }
      }
      if (best < 0) {
        return -1;
      }
      kept[best] = true;
      return nodes[best];
    }

    /**
     * Free GPUs of a type for the reason a build waits: in all and at most on one node (both on
     * unreserved nodes), and on reserved nodes.
     */
    int[] freeOf(String type) {
      int total = 0;
      int largest = 0;
      int onReserved = 0;
      for (Map.Entry<String, int[]> entry : free.entrySet()) {
        if (!matches(entry.getKey(), type)) {
          continue;
        }
        boolean[] kept = reserved.get(entry.getKey());
        int[] nodes = entry.getValue();
        for (int i = 0; i < nodes.length; i++) {
          if (kept != null && kept[i]) {
            onReserved += nodes[i];
          } else {
            total += nodes[i];
            largest = Math.max(largest, nodes[i]);
          }
        }
      }
      return new int[] {total, largest, onReserved};
    }

    private static boolean matches(String capacityType, String requestType) {
      return requestType != null
          ? capacityType.equalsIgnoreCase(requestType)
          : !capacityType.startsWith("mig-");
    }
  }
}
