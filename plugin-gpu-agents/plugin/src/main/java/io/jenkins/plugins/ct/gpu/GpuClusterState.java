package io.jenkins.plugins.ct.gpu;

import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.reaper.ReapPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The last round of each Kubernetes cloud, for the GPU agents page and the queue. */
final class GpuClusterState {
  private static final GpuClusterState INSTANCE = new GpuClusterState();

  private final Map<String, Round> rounds = new TreeMap<>();

  static GpuClusterState get() {
    return INSTANCE;
  }

  /** What one round saw and did; inventory and plan are null when the cloud could not be read. */
  record Round(
      String cloud,
      Instant at,
      GpuInventory inventory,
      ReapPlan plan,
      List<String> deleted,
      List<String> problems,
      String error) {}

  synchronized void put(Round round) {
    rounds.put(round.cloud(), round);
  }

  synchronized List<Round> rounds() {
    return new ArrayList<>(rounds.values());
  }

  /** The inventories read without error, for capacity decisions. */
  synchronized List<GpuInventory> inventories() {
    List<GpuInventory> inventories = new ArrayList<>();
    for (Round round : rounds.values()) {
      if (round.inventory() != null) {
        inventories.add(round.inventory());
      }
    }
    return inventories;
  }
}
