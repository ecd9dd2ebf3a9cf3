package io.jenkins.plugins.ct.gpu;

import hudson.BulkChange;
import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.model.Queue;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import io.ctsuite.gpu.policy.SchedulingPolicy;
import io.ctsuite.gpu.request.GpuRequest;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The order of queued GPU work: priority class first, then the longest waiting, unless an
 * administrator moved an item. A move gives the item the class and (one millisecond before or
 * after) the queue time of the neighbour it passes, so the queue, the sorter and the scheduler all
 * see the same order without a second ordering rule. Moves are kept in {@code
 * io.jenkins.plugins.ct.gpu.GpuQueueOrder.xml} under the Jenkins home, by queue item id, so that
 * they survive a restart as the queue itself does ({@code queue.xml} keeps the ids).
 */
final class GpuQueueOrder implements Saveable {
  private static final Logger LOGGER = Logger.getLogger(GpuQueueOrder.class.getName());
  private static GpuQueueOrder instance;

  private final Map<Long, Moved> moved = new ConcurrentHashMap<>();

  /** The order, read from the Jenkins home on first use. */
  static synchronized GpuQueueOrder get() {
    if (instance == null) {
      GpuQueueOrder order = new GpuQueueOrder();
      order.load();
      instance = order;
    }
    return instance;
  }

  /**
   * Where a move is kept: the class and queue time the item was given. Plain fields for XStream.
   */
  static final class Moved {
    private final String priorityClass;
    private final long sinceMillis;

    Moved(String priorityClass, Instant since) {
      this.priorityClass = priorityClass;
      this.sinceMillis = since.toEpochMilli();
    }

    String priorityClass() {
      return priorityClass;
    }

    Instant since() {
      return Instant.ofEpochMilli(sinceMillis);
    }
  }

  static XmlFile file() {
    return new XmlFile(
        Jenkins.XSTREAM2,
        new File(Jenkins.get().getRootDir(), GpuQueueOrder.class.getName() + ".xml"));
  }

  private void load() {
    XmlFile file = file();
    if (!file.exists()) {
      return;
    }
    try {
      file.unmarshal(this);
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.WARNING, "could not read the GPU queue moves from " + file, e);
    }
  }

  @Override
  public synchronized void save() throws IOException {
    if (BulkChange.contains(this)) {
      return;
    }
    XmlFile file = file();
    file.write(this);
    SaveableListener.fireOnChange(this, file);
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "could not keep the GPU queue moves", e);
    }
  }

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
    forgetLeft(present);
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
    saveQuietly();
    GpuQueue.invalidate();
    return true;
  }

  /**
   * Forgets moves of items that left the queue. Not before Jenkins has loaded its queue after a
   * start: every kept move would look gone.
   */
  private void forgetLeft(Set<Long> present) {
    Jenkins jenkins = Jenkins.getInstanceOrNull();
    if (jenkins == null || jenkins.getInitLevel() != InitMilestone.COMPLETED) {
      return;
    }
    if (moved.keySet().retainAll(present)) {
      saveQuietly();
    }
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
