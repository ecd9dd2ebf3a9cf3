package io.ctsuite.gpu;

import io.ctsuite.gpu.cluster.ClusterSnapshot;
import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.policy.Capacity;
import io.ctsuite.gpu.policy.QueuedRequest;
import io.ctsuite.gpu.policy.RunningUsage;
import io.ctsuite.gpu.policy.Schedule;
import io.ctsuite.gpu.policy.Scheduler;
import io.ctsuite.gpu.reaper.JenkinsAgents;
import io.ctsuite.gpu.reaper.ReapPlan;
import io.ctsuite.gpu.reaper.Reaper;
import java.io.Serializable;
import java.util.List;

/**
 * One decision round of the GPU controller, which Jenkins runs every few seconds: the inventory of
 * the cluster, which queued builds start, and which agent pods go. Pure: everything it needs comes
 * in, nothing is changed.
 */
public final class GpuRound {
  private final GpuSettings settings;
  private final Scheduler scheduler;
  private final Reaper reaper;

  public GpuRound(GpuSettings settings) {
    this.settings = settings;
    this.scheduler = new Scheduler(settings.scheduling());
    this.reaper = new Reaper(settings.reaper());
  }

  /** What one round decided. */
  public record Result(GpuInventory inventory, Schedule schedule, ReapPlan reap)
      implements Serializable {}

  /**
   * @param elastic whether GPU node pools scale with demand (then only quotas hold builds back)
   */
  public Result decide(
      ClusterSnapshot snapshot,
      List<QueuedRequest> queue,
      List<RunningUsage> running,
      JenkinsAgents jenkins,
      boolean elastic) {
    GpuInventory inventory = snapshot.inventory();
    Capacity capacity = elastic ? Capacity.elastic() : Capacity.of(inventory);
    Schedule schedule = scheduler.decide(queue, running, capacity, snapshot.at());
    ReapPlan reap = reaper.decide(snapshot.pods(), snapshot.events(), jenkins, snapshot.at());
    return new Result(inventory, schedule, reap);
  }

  public GpuSettings settings() {
    return settings;
  }
}
