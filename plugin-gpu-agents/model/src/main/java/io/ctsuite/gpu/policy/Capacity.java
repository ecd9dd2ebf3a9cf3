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

  /** Capacity being handed out within one round. */
  static final class Round {
    private final Map<String, int[]> free;
    private final boolean elastic;

    Round(Map<String, int[]> free, boolean elastic) {
      this.free = free;
      this.elastic = elastic;
    }

    /**
     * Takes {@code gpus} on one node of {@code type} (any type when null), choosing the node that
     * fits most tightly so that large free blocks stay for large builds. Returns the type used, or
     * null when nothing fits.
     */
    String take(String type, int gpus, java.util.Set<String> excludedTypes) {
      if (elastic) {
        return type == null ? "any" : type;
      }
      String bestType = null;
      int bestNode = -1;
      int bestFree = Integer.MAX_VALUE;
      for (Map.Entry<String, int[]> entry : free.entrySet()) {
        if (type != null
            ? !entry.getKey().equalsIgnoreCase(type)
            : entry.getKey().startsWith("mig-") || excludedTypes.contains(entry.getKey())) {
          continue;
        }
        int[] nodes = entry.getValue();
        for (int i = 0; i < nodes.length; i++) {
          if (nodes[i] >= gpus && nodes[i] < bestFree) {
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

    /** Free GPUs of a type in all and on the emptiest node, for the reason a build waits. */
    int[] freeOf(String type) {
      int total = 0;
      int largest = 0;
      for (Map.Entry<String, int[]> entry : free.entrySet()) {
        if (type != null
            ? !entry.getKey().equalsIgnoreCase(type)
            : entry.getKey().startsWith("mig-")) {
          continue;
        }
        for (int n : entry.getValue()) {
          total += n;
          largest = Math.max(largest, n);
        }
      }
      return new int[] {total, largest};
    }
  }
}
