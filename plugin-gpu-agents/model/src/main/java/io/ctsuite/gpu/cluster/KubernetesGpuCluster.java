package io.ctsuite.gpu.cluster;

import io.ctsuite.gpu.pod.PodSpecOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads GPU nodes, pods and their events from a cluster through the fabric8 client (the one the
 * Jenkins Kubernetes plugin ships, so the Jenkins glue passes its own client), and deletes pods the
 * reaper chose. Lists are read in pages so that large clusters do not come back in one response.
 */
public final class KubernetesGpuCluster {
  private static final long PAGE = 500;

  private final KubernetesClient client;
  private final PodSpecOptions options;
  private final AgentPods agents;
  private final Clock clock;

  public KubernetesGpuCluster(
      KubernetesClient client, PodSpecOptions options, AgentPods agents, Clock clock) {
    this.client = client;
    this.options = options;
    this.agents = agents;
    this.clock = clock;
  }

  /** Every node, every pod and every pod event of the cluster. */
  public ClusterSnapshot snapshot() {
    List<NodeView> nodes = new ArrayList<>();
    for (Node node :
        pages(options -> client.nodes().list(options), NodeList::getItems, NodeList::getMetadata)) {
      nodes.add(NodeView.of(node, this.options));
    }
    List<PodView> pods = new ArrayList<>();
    for (Pod pod :
        pages(
            o -> client.pods().inAnyNamespace().list(o), PodList::getItems, PodList::getMetadata)) {
      pods.add(PodView.of(pod, agents));
    }
    List<EventView> events = new ArrayList<>();
    for (Event event :
        pages(
            o -> client.v1().events().inAnyNamespace().list(o),
            EventList::getItems,
            EventList::getMetadata)) {
      EventView view = EventView.of(event);
      if (view != null) {
        events.add(view);
      }
    }
    return new ClusterSnapshot(nodes, pods, events, clock.instant());
  }

  /** Deletes a pod; false when it was already gone. */
  public boolean delete(PodView pod) {
    List<StatusDetails> deleted =
        client.pods().inNamespace(pod.namespace()).withName(pod.name()).delete();
    return deleted != null && !deleted.isEmpty();
  }

  private static <L, T> List<T> pages(
      Function<io.fabric8.kubernetes.api.model.ListOptions, L> list,
      Function<L, List<T>> items,
      Function<L, io.fabric8.kubernetes.api.model.ListMeta> meta) {
    List<T> all = new ArrayList<>();
    String next = null;
    do {
      L page = list.apply(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
      all.addAll(items.apply(page));
      var listMeta = meta.apply(page);
      next = listMeta == null ? null : listMeta.getContinue();
    } while (next != null && !next.isEmpty());
    return all;
  }
}
