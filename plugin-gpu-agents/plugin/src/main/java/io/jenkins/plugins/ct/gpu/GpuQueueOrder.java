package io.jenkins.plugins.ct.gpu;

import hudson.model.Queue;
import io.ctsuite.gpu.policy.SchedulingPolicy;
import io.ctsuite.gpu.request.GpuRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order of queued GPU work: priority class first, then the longest waiting, unless an
 * administrator moved an item. A move gives the item the class and (one millisecond before or
 * after) the queue time of the neighbour it passes, so the queue, the sorter and the scheduler all
 * see the same order without a second ordering rule. Moves live in memory; the queue itself is what
 * Jenkins keeps across restarts.
 */
final class GpuQueueOrder {
  private static final GpuQueueOrder INSTANCE = new GpuQueueOrder();

  private final Map<Long, Moved> moved = new ConcurrentHashMap<>();

  static GpuQueueOrder get() {
    return INSTANCE;
  }

  private record Moved(String priorityClass, Instant since) {}

  Instant effectiveSince(Queue.Item item) {
    Moved m = moved.get(item.getId());
    return m != null ? m.since() : Instant.ofEpochMilli(item.getInQueueSince());
  }

  /** The class the item ranks in: the moved-to class, else its own (null: the default). */
  String effectivePriority(Queue.Item item, String natural) {
    Moved m = moved.get(item.getId());
    return m != null ? m.priorityClass() : natural;
  }

  /** The rank the scheduler gives an item: 0 is the highest class. */
  int rank(Queue.Item item, GpuRequest request) {
    SchedulingPolicy policy = GpuAgents.settings().scheduling();
    return policy.rank(effectivePriority(item, GpuQueue.priorityOf(item.task, request)));
  }

  /** Queued items with a GPU request, first in line first. */
  List<Queue.Item> ordered() {
    List<Entry> entries = new ArrayList<>();
    Set<Long> present = new HashSet<>();
    for (Queue.Item item : Queue.getInstance().getItems()) {
      present.add(item.getId());
      Optional<GpuRequest> request = GpuQueue.requestOrEmpty(item);
      request.ifPresent(r -> entries.add(new Entry(item, rank(item, r), effectiveSince(item))));
    }
    moved.keySet().retainAll(present);
    entries.sort(ORDER);
    List<Queue.Item> items = new ArrayList<>();
    entries.forEach(e -> items.add(e.item()));
    return items;
  }

  /** Moves a queued GPU item one place up or down; false when it cannot move that way. */
  synchronized boolean move(long id, boolean up) {
    List<Queue.Item> items = ordered();
    int index = -1;
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).getId() == id) {
        index = i;
      }
    }
    int other = up ? index - 1 : index + 1;
    if (index < 0 || other < 0 || other >= items.size()) {
      return false;
    }
    Queue.Item neighbour = items.get(other);
    Optional<GpuRequest> request = GpuQueue.requestOrEmpty(neighbour);
    SchedulingPolicy policy = GpuAgents.settings().scheduling();
    String neighbourClass =
        policy.classOf(
            effectivePriority(
                neighbour, request.map(r -> GpuQueue.priorityOf(neighbour.task, r)).orElse(null)));
    Instant since = effectiveSince(neighbour).plusMillis(up ? -1 : 1);
    moved.put(id, new Moved(neighbourClass, since));
    GpuQueue.invalidate();
    return true;
  }

  /** Sort key of any buildable item: GPU items by class and time, the others by time. */
  Entry entryOf(Queue.Item item) {
    Optional<GpuRequest> request = GpuQueue.requestOrEmpty(item);
    int rank =
        request.isPresent()
            ? rank(item, request.get())
            : GpuAgents.settings()
                .scheduling()
                .rank(GpuAgents.settings().scheduling().defaultPriority());
    return new Entry(item, rank, effectiveSince(item));
  }

  record Entry(Queue.Item item, int rank, Instant since) {}

  static final Comparator<Entry> ORDER =
      Comparator.comparingInt(Entry::rank)
          .thenComparing(Entry::since)
          .thenComparingLong(e -> e.item().getId());
}
