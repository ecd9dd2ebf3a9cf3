package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.Node;
import hudson.model.Run;
import io.ctsuite.gpu.cost.PodCharges;
import io.ctsuite.gpu.policy.QueuedRequest;
import io.ctsuite.gpu.request.GpuRequest;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.NodeListener;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesSlave;

/**
 * GPU time of Kubernetes GPU agents as the cluster bills it: the pod's life from its creation to
 * its deletion, not only the executor time of the node blocks that ran on it. When a build's work
 * on a pod agent ends, the build gets a use from the pod's creation (or the previous build's
 * charge) to now; when the agent's node is deleted (the Kubernetes plugin deletes the pod first),
 * the last build's use is extended to that moment. Kept in memory: after a controller restart a use
 * keeps the end it had, which is at least the executor time.
 */
final class GpuPodLifetimes {
  private static final Logger LOGGER = Logger.getLogger(GpuPodLifetimes.class.getName());

  /** When each pod agent's node was created, for pods whose creation time is unknown. */
  private static final Map<String, Instant> CREATED = new ConcurrentHashMap<>();

  /** Charges of pod agents that ran GPU work, by node name. */
  private static final Map<String, PodState> PODS = new ConcurrentHashMap<>();

  /** Pod agents deleted before the end of their work was seen (a race of listeners). */
  private static final Map<String, Instant> DELETED = new ConcurrentHashMap<>();

  private GpuPodLifetimes() {}

  private static final class PodState {
    final PodCharges charges;
    volatile String lastBuild;

    PodState(PodCharges charges) {
      this.charges = charges;
    }
  }

  /** A build's GPU work on the pod agent {@code nodeName} ran from {@code start} to {@code end}. */
  static void workEnded(
      String nodeName,
      KubernetesSlave node,
      Run<?, ?> run,
      GpuRequest request,
      long start,
      long end) {
    PodState state =
        PODS.computeIfAbsent(nodeName, n -> new PodState(new PodCharges(created(n, node))));
    PodCharges.Charge charge =
        state.charges.charge(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
    state.lastBuild = run.getExternalizableId();
    long until = charge.to().toEpochMilli();
    Instant deleted = DELETED.remove(nodeName);
    if (deleted != null) {
      PODS.remove(nodeName);
      until = state.charges.deleted(deleted).map(Instant::toEpochMilli).orElse(until);
    }
    GpuUsageAction.record(
        run,
        new GpuUse(
            GpuUse.POD,
            nodeName,
            QueuedRequest.capacityKey(request),
            request.count() * request.gpuFractionPerUnit(),
            null,
            charge.from().toEpochMilli(),
            until,
            null,
            0));
  }

  /** The pod's creation time from the API server, else when its agent node was created. */
  static Instant created(String nodeName, KubernetesSlave node) {
    Optional<Pod> pod = node == null ? Optional.empty() : node.getPod();
    String timestamp = pod.map(Pod::getMetadata).map(m -> m.getCreationTimestamp()).orElse(null);
    if (timestamp != null) {
      try {
        return Instant.parse(timestamp);
      } catch (DateTimeParseException e) {
        LOGGER.log(Level.FINE, "creation time of pod " + nodeName + " unreadable: " + timestamp);
      }
    }
    return CREATED.get(nodeName);
  }

  /** The pod agent {@code nodeName} and its pod are gone: the last build pays until now. */
  static void deleted(String nodeName, Instant at) {
    CREATED.remove(nodeName);
    PodState state = PODS.remove(nodeName);
    if (state == null) {
      // its work may still be ending; forget such marks after a while (agents without GPU work)
      DELETED.values().removeIf(t -> t.isBefore(at.minusSeconds(600)));
      DELETED.put(nodeName, at);
      return;
    }
    Optional<Instant> end = state.charges.deleted(at);
    Run<?, ?> run = state.lastBuild == null ? null : Run.fromExternalizableId(state.lastBuild);
    if (end.isPresent() && run != null) {
      GpuUsageAction.extendPod(run, nodeName, end.get().toEpochMilli());
    }
  }

  /** Follows GPU pod agents' nodes: created, and deleted with their pods. */
  @Extension
  public static final class Listener extends NodeListener {
    @Override
    protected void onCreated(Node node) {
      if (node instanceof KubernetesSlave) {
        CREATED.put(node.getNodeName(), Instant.now());
      }
    }

    @Override
    protected void onDeleted(Node node) {
      if (node instanceof KubernetesSlave) {
        deleted(node.getNodeName(), Instant.now());
      }
    }
  }
}
