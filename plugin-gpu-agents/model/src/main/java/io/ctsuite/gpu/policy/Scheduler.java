package io.ctsuite.gpu.policy;

import io.ctsuite.gpu.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
    List<QueuedRequest> ordered = inLine(queue);
    Capacity.Round free = capacity.round();
    Map<String, QueuedRequest> reservedFor = new HashMap<>();
    List<Schedule.Decision> start = new ArrayList<>();
    List<Schedule.Decision> waiting = new ArrayList<>();
    for (QueuedRequest request : ordered) {
      int[] covering = policy.quotasFor(request.folder(), request.gpuType(), quotaCache);
      Schedule.Decision quotaWait = quotaWait(request, covering, used);
      if (quotaWait != null) {
        waiting.add(quotaWait);
        continue;
      }
      String taken = free.take(request.gpuType(), request.gpus());
      if (taken == null) {
        waiting.add(
            new Schedule.Decision(request, capacityWait(request, free, reservedFor), false));
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

  /** Highest class first, then longest waiting, then by id; ranks worked out once per request. */
  private List<QueuedRequest> inLine(List<QueuedRequest> queue) {
    Map<String, Integer> ranks = new HashMap<>();
    List<Ranked> ranked = new ArrayList<>(queue.size());
    for (QueuedRequest request : queue) {
      int rank =
          ranks.computeIfAbsent(
              String.valueOf(request.priorityClass()), k -> policy.rank(request.priorityClass()));
      ranked.add(
          new Ranked(
              rank, request.queuedSince() == null ? Instant.MAX : request.queuedSince(), request));
    }
    ranked.sort(
        Comparator.comparingInt(Ranked::rank)
            .thenComparing(Ranked::since)
            .thenComparing(r -> r.request().id()));
    List<QueuedRequest> ordered = new ArrayList<>(ranked.size());
    ranked.forEach(r -> ordered.add(r.request()));
    return ordered;
  }

  private record Ranked(int rank, Instant since, QueuedRequest request) {}

  /**
   * Why a build finds no node; the first such build of a type (the highest in line) gets the node
   * closest to fitting it kept, unless the policy allows plain backfill.
   */
  private String capacityWait(
      QueuedRequest request, Capacity.Round free, Map<String, QueuedRequest> reservedFor) {
    int[] totals = free.freeOf(request.gpuType());
    StringBuilder reason =
        new StringBuilder("no node has ")
            .append(gpus(request.gpus(), request.gpuType()))
            .append(" free (")
            .append(
                totals[0] == 0
                    ? "none free"
                    : totals[0] + " free in all, at most " + totals[1] + " on one node")
            .append(")");
    String type = request.gpuType() == null ? null : request.gpuType().toLowerCase(Locale.ROOT);
    QueuedRequest holder = type == null ? null : reservedFor.get(type);
    if (holder != null) {
      if (totals[2] > 0) {
        reason.append("; ").append(totals[2]).append(" more are kept for ").append(holder.id());
      }
    } else if (!policy.backfill() && type != null) {
      int kept = free.reserve(type);
      if (kept >= 0) {
        reservedFor.put(type, request);
        reason
            .append("; the node with the most free (")
            .append(kept)
            .append(") is kept for it so that smaller builds do not starve it");
      }
    }
    return reason.toString();
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
