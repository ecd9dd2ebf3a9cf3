package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.Queue;
import hudson.model.queue.CauseOfBlockage;
import hudson.model.queue.QueueTaskDispatcher;
import io.ctsuite.core.InputException;
import io.ctsuite.gpu.policy.Schedule;
import io.ctsuite.gpu.request.GpuRequest;
import java.util.Optional;

/**
 * Holds GPU work in the queue while the model's scheduler says it must wait (a folder's quota is
 * used up, or, with fixed capacity, no node has its GPUs free, or a larger build higher in line
 * keeps them), with the scheduler's one sentence as the queue's "why waiting". A label whose GPU
 * request cannot be read waits with the error, as no pod could be made for it.
 */
@Extension
public class GpuQueueDispatcher extends QueueTaskDispatcher {
  @Override
  public CauseOfBlockage canRun(Queue.Item item) {
    Optional<GpuRequest> request;
    try {
      request = GpuQueue.requestOf(item);
    } catch (InputException e) {
      return new GpuBlockage("Cannot ask for GPUs: " + e.getMessage());
    }
    if (request.isEmpty()) {
      return null;
    }
    String id = GpuQueue.idOf(item);
    Schedule schedule = GpuQueue.scheduleFor(id);
    for (Schedule.Decision decision : schedule.waiting()) {
      if (decision.request().id().equals(id)) {
        return new GpuBlockage("Waiting for GPUs: " + decision.reason());
      }
    }
    return null;
  }

  /** The scheduler's sentence, as the queue shows it. */
  static final class GpuBlockage extends CauseOfBlockage {
    private final String text;

    GpuBlockage(String text) {
      this.text = text;
    }

    @Override
    public String getShortDescription() {
      return text;
    }
  }
}
