package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.Executor;
import hudson.model.ExecutorListener;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.QueueListener;
import hudson.model.queue.WorkUnit;
import io.ctsuite.core.InputException;
import io.ctsuite.gpu.policy.QueuedRequest;
import io.ctsuite.gpu.request.GpuRequest;
import io.ctsuite.gpu.request.LabelExpressions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesComputer;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesSlave;

/**
 * Work that left the queue with a GPU request, by queue item id, while it runs. The request is
 * taken from the label as queued: once a Pipeline {@code node} block runs, its task reports the
 * agent's own label instead. Quotas count this work as running; when it ends, its GPU time is added
 * to the build's GPU action: the executor time on a static agent, the pod's lifetime on a
 * Kubernetes agent ({@link GpuPodLifetimes}).
 */
final class GpuWorkTracker {
  private static final Map<Long, Work> RUNNING = new ConcurrentHashMap<>();

  private GpuWorkTracker() {}

  /** One piece of running GPU work. */
  record Work(GpuRequest request, String folder, String label, long leftQueueAt) {}

  /** The GPU work an executor runs now, or empty. */
  static Optional<Work> of(Executor executor) {
    WorkUnit unit = executor.getCurrentWorkUnit();
    return unit == null
        ? Optional.empty()
        : Optional.ofNullable(RUNNING.get(unit.context.item.getId()));
  }

  static Optional<GpuRequest> requestOf(Label label) {
    try {
      return label == null ? Optional.empty() : LabelExpressions.gpuRequest(label.getExpression());
    } catch (InputException e) {
      return Optional.empty();
    }
  }

  /** Remembers the request of work that starts. */
  @Extension
  public static final class LeftQueue extends QueueListener {
    @Override
    public void onLeft(Queue.LeftItem item) {
      if (item.isCancelled()) {
        return;
      }
      Label label = item.getAssignedLabel();
      requestOf(label)
          .ifPresent(
              request ->
                  RUNNING.put(
                      item.getId(),
                      new Work(
                          request,
                          GpuQueue.folderOf(item.task),
                          label.getExpression(),
                          System.currentTimeMillis())));
    }
  }

  /** Adds the GPU time of finished work to its build, and forgets the work. */
  @Extension
  public static final class Finished implements ExecutorListener {
    @Override
    public void taskCompleted(Executor executor, Queue.Task task, long durationMS) {
      done(executor, durationMS);
    }

    @Override
    public void taskCompletedWithProblems(
        Executor executor, Queue.Task task, long durationMS, Throwable problems) {
      done(executor, durationMS);
    }

    private static void done(Executor executor, long durationMS) {
      WorkUnit unit = executor.getCurrentWorkUnit();
      if (unit == null) {
        return;
      }
      Work work = RUNNING.remove(unit.context.item.getId());
      if (work == null) {
        return;
      }
      Queue.Executable executable = executor.getCurrentExecutable();
      Queue.Executable parent = executable == null ? null : executable.getParentExecutable();
      Run<?, ?> run =
          parent instanceof Run<?, ?> r ? r : executable instanceof Run<?, ?> r2 ? r2 : null;
      if (run == null) {
        return;
      }
      Node node = executor.getOwner().getNode();
      long end = System.currentTimeMillis();
      GpuRequest request = work.request();
      // a one-shot pod agent may already be removed: its computer still says what it was
      if (executor.getOwner() instanceof KubernetesComputer computer) {
        GpuPodLifetimes.workEnded(
            computer.getName(),
            node instanceof KubernetesSlave pod ? pod : null,
            run,
            request,
            end - durationMS,
            end);
        return;
      }
      GpuUsageAction.record(
          run,
          new GpuUse(
              GpuUse.AGENT,
              node == null || node.getNodeName().isEmpty() ? "built-in" : node.getNodeName(),
              QueuedRequest.capacityKey(request),
              request.count() * request.gpuFractionPerUnit(),
              null,
              end - durationMS,
              end,
              null,
              0));
    }
  }
}
