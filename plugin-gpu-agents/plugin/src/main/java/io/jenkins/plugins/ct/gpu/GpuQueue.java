package io.jenkins.plugins.ct.gpu;

import hudson.model.Computer;
import hudson.model.Executor;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Label;
import hudson.model.Queue;
import hudson.model.queue.SubTask;
import hudson.model.queue.Tasks;
import io.ctsuite.core.InputException;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.policy.Capacity;
import io.ctsuite.gpu.policy.QueuedRequest;
import io.ctsuite.gpu.policy.RunningUsage;
import io.ctsuite.gpu.policy.Schedule;
import io.ctsuite.gpu.policy.Scheduler;
import io.ctsuite.gpu.request.GpuRequest;
import io.ctsuite.gpu.request.LabelExpressions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The GPU view of the Jenkins queue: queued items and running work with GPU requests, turned into
 * the model's requests and usages, and the model's schedule over them. Decisions are cached for a
 * moment, since the queue asks for every item in every maintenance pass.
 */
final class GpuQueue {
  private static final long CACHE_MILLIS = 1000;
  private static volatile Cached cached;

  private GpuQueue() {}

  /** A queue item's GPU request, or empty; a malformed request is an {@link InputException}. */
  static Optional<GpuRequest> requestOf(Queue.Item item) {
    Label label = item.getAssignedLabel();
    return label == null ? Optional.empty() : LabelExpressions.gpuRequest(label.getExpression());
  }

  /** The same, for a caller that must not fail (the sorter): malformed counts as none. */
  static Optional<GpuRequest> requestOrEmpty(Queue.Item item) {
    try {
      return requestOf(item);
    } catch (InputException e) {
      return Optional.empty();
    }
  }

  /** The job (or other item) a queue item or running work belongs to. */
  static Item itemOf(SubTask task) {
    return Tasks.getItemOf(task);
  }

  /** Folder path of the job, e.g. team-vision/retrain, for quotas. */
  static String folderOf(SubTask task) {
    Item item = itemOf(task);
    return item == null ? null : item.getFullName();
  }

  /**
   * The request's priority class, else the job's GPU priority property, else that of the nearest
   * folder around the job that sets one, else null (the default class).
   */
  static String priorityOf(SubTask task, GpuRequest request) {
    if (request.priority() != null) {
      return request.priority();
    }
    Item item = itemOf(task);
    if (item instanceof Job<?, ?> job) {
      GpuPriorityJobProperty property = job.getProperty(GpuPriorityJobProperty.class);
      if (property != null && property.getPriorityClass() != null) {
        return property.getPriorityClass();
      }
    }
    return GpuPriorityFolderProperty.inherited(item);
  }

  static String idOf(Queue.Item item) {
    return item.task.getFullDisplayName() + " (queue item " + item.getId() + ")";
  }

  static QueuedRequest queued(Queue.Item item, GpuRequest request) {
    Instant since = GpuQueueOrder.get().effectiveSince(item);
    return new QueuedRequest(
        idOf(item),
        folderOf(item.task),
        GpuQueueOrder.get().effectivePriority(item, priorityOf(item.task, request)),
        QueuedRequest.capacityKey(request),
        request.count(),
        since);
  }

  /** The schedule of the current queue, at most a second old. */
  static Schedule schedule() {
    Cached c = cached;
    long now = System.currentTimeMillis();
    if (c == null || now - c.at > CACHE_MILLIS) {
      c = new Cached(now, compute());
      cached = c;
    }
    return c.schedule;
  }

  /**
   * The schedule, computed afresh when it does not know the item {@code id} yet (it entered the
   * queue after the cached round): deciding a newcomer by an old round could start it past a quota.
   */
  static Schedule scheduleFor(String id) {
    Schedule schedule = schedule();
    if (!knows(schedule, id)) {
      invalidate();
      schedule = schedule();
    }
    return schedule;
  }

  private static boolean knows(Schedule schedule, String id) {
    for (Schedule.Decision d : schedule.start()) {
      if (d.request().id().equals(id)) {
        return true;
      }
    }
    for (Schedule.Decision d : schedule.waiting()) {
      if (d.request().id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Forgets the cached schedule, e.g. after an administrator moved an item. */
  static void invalidate() {
    cached = null;
  }

  private static Schedule compute() {
    GpuSettings settings = GpuAgents.settings();
    List<QueuedRequest> queue = new ArrayList<>();
    for (Queue.Item item : Queue.getInstance().getItems()) {
      try {
        requestOf(item).ifPresent(request -> queue.add(queued(item, request)));
      } catch (InputException e) {
        // the dispatcher blocks it with this message itself
      }
    }
    return new Scheduler(settings.scheduling()).decide(queue, running(), capacity(), Instant.now());
  }

  /** GPUs held now: running work whose queued label asked for GPUs, and withGpus leases. */
  static List<RunningUsage> running() {
    List<RunningUsage> running = new ArrayList<>();
    for (Computer computer : Jenkins.get().getComputers()) {
      List<Executor> executors = new ArrayList<>(computer.getExecutors());
      executors.addAll(computer.getOneOffExecutors());
      for (Executor executor : executors) {
        GpuWorkTracker.of(executor)
            .ifPresent(
                work ->
                    running.add(
                        new RunningUsage(
                            computer.getName() + "#" + executor.getNumber(),
                            work.folder(),
                            QueuedRequest.capacityKey(work.request()),
                            work.request().count())));
      }
    }
    for (ActiveLeases.Active lease : ActiveLeases.snapshot().values()) {
      running.add(new RunningUsage(lease.id, lease.folder, lease.gpuType, lease.gpus.length));
    }
    return running;
  }

  /** Elastic unless configured otherwise and a cluster was read: then its free GPUs per node. */
  static Capacity capacity() {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    List<GpuInventory> inventories = GpuClusterState.get().inventories();
    if (c == null || c.isElasticCapacity() || inventories.isEmpty()) {
      return Capacity.elastic();
    }
    List<GpuInventory.NodeGpus> nodes = new ArrayList<>();
    List<GpuInventory.PendingGpuPod> pending = new ArrayList<>();
    Instant at = Instant.EPOCH;
    for (GpuInventory inventory : inventories) {
      nodes.addAll(inventory.nodes());
      pending.addAll(inventory.pending());
      at = inventory.at().isAfter(at) ? inventory.at() : at;
    }
    return Capacity.of(new GpuInventory(nodes, pending, at));
  }

  /** Decisions of the schedule by queue item id. */
  static Map<String, Schedule.Decision> byId(Schedule schedule) {
    Map<String, Schedule.Decision> decisions = new HashMap<>();
    schedule.start().forEach(d -> decisions.put(d.request().id(), d));
    schedule.waiting().forEach(d -> decisions.put(d.request().id(), d));
    return decisions;
  }

  private record Cached(long at, Schedule schedule) {}
}
