package io.ctsuite.gpu.policy;

import io.ctsuite.gpu.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which queued GPU builds may start now, as a pure function of the queue, what runs, the free
 * capacity and the policy. Higher priority classes go first, then the longest waiting; a build
 * starts when every quota covering it has room and a node has its GPUs free. Once a build waits for
 * capacity of a type, later builds of that type wait behind it (unless the policy allows backfill),
 * so that a large training is not starved by small jobs. Every waiting build gets one sentence
 * saying why.
 */
public final class Scheduler {
  private final SchedulingPolicy policy;

  public Scheduler(SchedulingPolicy policy) {
    this.policy = policy;
  }

  public Schedule decide(
      List<QueuedRequest> queue, List<RunningUsage> running, Capacity capacity, Instant now) {
    List<Quota> quotas = policy.quotas();
    Map<String, int[]> quotaCache = policy.newQuotaCache();
    long[] used = new long[quotas.size()];
    for (RunningUsage usage : running) {
      for (int q : policy.quotasFor(usage.folder(), usage.gpuType(), quotaCache)) {
        used[q] += usage.gpus();
      }
    }
    List<QueuedRequest> ordered = new ArrayList<>(queue);
    ordered.sort(
        Comparator.comparingInt((QueuedRequest r) -> policy.rank(r.priorityClass()))
            .thenComparing(r -> r.queuedSince() == null ? Instant.MAX : r.queuedSince())
            .thenComparing(QueuedRequest::id));
    Capacity.Round free = capacity.round();
    Map<String, QueuedRequest> blockedType = new HashMap<>();
    List<Schedule.Decision> start = new ArrayList<>();
    List<Schedule.Decision> waiting = new ArrayList<>();
    for (QueuedRequest request : ordered) {
      int[] covering = policy.quotasFor(request.folder(), request.gpuType(), quotaCache);
      Schedule.Decision quotaWait = quotaWait(request, covering, used);
      if (quotaWait != null) {
        waiting.add(quotaWait);
        continue;
      }
      String typeKey = request.gpuType() == null ? "*" : request.gpuType().toLowerCase();
      QueuedRequest ahead = blockedType.get(typeKey);
      if (ahead == null && request.gpuType() != null) {
        ahead = blockedType.get("*");
      }
      if (ahead != null && !policy.backfill()) {
        waiting.add(
            new Schedule.Decision(
                request,
                "waits behind "
                    + ahead.id()
                    + " ("
                    + policy.classOf(ahead.priorityClass())
                    + ", "
                    + gpus(ahead.gpus(), ahead.gpuType())
                    + "), which goes first for the same GPUs",
                false));
        continue;
      }
      // a build for any GPU must not take the type a higher build waits for either
      String taken =
          free.take(
              request.gpuType(),
              request.gpus(),
              policy.backfill() ? java.util.Set.of() : blockedType.keySet());
      if (taken == null) {
        int[] totals = free.freeOf(request.gpuType());
        waiting.add(
            new Schedule.Decision(
                request,
                "no node has "
                    + gpus(request.gpus(), request.gpuType())
                    + " free ("
                    + (totals[0] == 0
                        ? "none free"
                        : totals[0] + " free in all, at most " + totals[1] + " on one node")
                    + ")",
                false));
        blockedType.putIfAbsent(typeKey, request);
        continue;
      }
      for (int q : covering) {
        used[q] += request.gpus();
      }
      start.add(
          new Schedule.Decision(
              request,
              "starts: "
                  + policy.classOf(request.priorityClass())
                  + ", queued "
                  + Durations.words(
                      request.queuedSince() == null
                          ? Duration.ZERO
                          : Duration.between(request.queuedSince(), now))
                  + ", "
                  + gpus(request.gpus(), taken.equals("any") ? request.gpuType() : taken),
              false));
    }
    return new Schedule(start, waiting);
  }

  private Schedule.Decision quotaWait(QueuedRequest request, int[] covering, long[] used) {
    for (int q : covering) {
      Quota quota = policy.quotas().get(q);
      if (request.gpus() > quota.maxGpus()) {
        return new Schedule.Decision(
            request,
            "asks for "
                + gpus(request.gpus(), request.gpuType())
                + ", more than the quota of "
                + quota.maxGpus()
                + " for "
                + quota.scope()
                + ", so it can never start; ask for fewer or raise the quota",
            true);
      }
      if (used[q] + request.gpus() > quota.maxGpus()) {
        return new Schedule.Decision(
            request,
            "the quota for "
                + quota.scope()
                + " is "
                + quota.maxGpus()
                + " GPUs and "
                + used[q]
                + " are in use; it needs "
                + request.gpus()
                + " more",
            false);
      }
    }
    return null;
  }

  /** "4 A100 GPUs", "1 GPU", "2 mig-1g.10gb slices". */
  static String gpus(int n, String type) {
    if (type != null && type.startsWith("mig-")) {
      return n + " " + type + " slice" + (n == 1 ? "" : "s");
    }
    return n
        + " "
        + (type == null || type.equals("any") ? "" : type.toUpperCase(java.util.Locale.ROOT) + " ")
        + "GPU"
        + (n == 1 ? "" : "s");
  }
}
