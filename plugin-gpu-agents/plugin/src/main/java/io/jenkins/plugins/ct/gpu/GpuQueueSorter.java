package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.Queue;
import hudson.model.queue.QueueSorter;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders buildable items so that GPU work of a higher priority class goes first, then the longest
 * waiting (or where an administrator moved it). Items without a GPU request rank with the default
 * class by their queue time. Jenkins uses one sorter; this one replaces the default FIFO order.
 */
@Extension
public class GpuQueueSorter extends QueueSorter {
  @Override
  public void sortBuildableItems(List<Queue.BuildableItem> items) {
    GpuQueueOrder order = GpuQueueOrder.get();
    List<GpuQueueOrder.Entry> entries = new ArrayList<>();
    for (Queue.BuildableItem item : items) {
      entries.add(order.entryOf(item));
    }
    entries.sort(GpuQueueOrder.ORDER);
    items.clear();
    for (GpuQueueOrder.Entry entry : entries) {
      items.add((Queue.BuildableItem) entry.item());
    }
  }
}
