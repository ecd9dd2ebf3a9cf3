package io.ctsuite.bench.gpu;

import io.ctsuite.gpu.cluster.AgentPods;
import io.ctsuite.gpu.cluster.ClusterSnapshot;
import io.ctsuite.gpu.cluster.EventView;
import io.ctsuite.gpu.cluster.NodeView;
import io.ctsuite.gpu.cluster.PodView;
import io.ctsuite.gpu.pod.PodSpecOptions;
import io.ctsuite.gpu.policy.QueuedRequest;
import io.ctsuite.gpu.policy.Quota;
import io.ctsuite.gpu.policy.RunningUsage;
import io.ctsuite.gpu.policy.SchedulingPolicy;
import io.ctsuite.gpu.reaper.AgentActivity;
import io.ctsuite.gpu.reaper.JenkinsAgents;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A large GPU cluster, the same on every run (fixed seed): 500 nodes with 8 GPUs each (4,000 GPUs:
 * A100, H100 and L4 pools; some spot, some cordoned or not ready), 10,000 pods ( 7,000 system pods;
 * 3,000 GPU agent pods running on 80 % of the GPUs, pending or ended), events for the pending ones,
 * 1,000 queued GPU builds from 40 teams, folder and type quotas, and Jenkins' view of every agent.
 *
 * <p>It exists both as Kubernetes API objects (what an informer hands the controller) and as the
 * model's views, so that the benchmark can time the round with and without the conversion.
 */
public final class SimulatedCluster {
  static final String[] TYPES = {"a100", "h100", "l4"};
  static final String[] PRODUCTS = {"NVIDIA-A100-SXM4-80GB", "NVIDIA-H100-80GB-HBM3", "NVIDIA-L4"};
  static final String[] PRIORITIES = {"production-retrain", "nightly", "hpo-sweep"};

  final Instant now = Instant.parse("2024-06-01T12:00:00Z");
  final List<Node> nodes = new ArrayList<>();
  final List<Pod> pods = new ArrayList<>();
  final List<Event> events = new ArrayList<>();
  final List<QueuedRequest> queue = new ArrayList<>();
  final List<RunningUsage> running = new ArrayList<>();
  final Map<String, AgentActivity> agents = new HashMap<>();
  final SchedulingPolicy policy;
  final PodSpecOptions options = PodSpecOptions.defaults();

  public SimulatedCluster(int nodeCount, int gpusPerNode, int podCount, int queued, long seed) {
    Random random = new Random(seed);
    int[] free = new int[nodeCount];
    for (int n = 0; n < nodeCount; n++) {
      int type = n % 10 < 5 ? 0 : n % 10 < 8 ? 1 : 2;
      free[n] = gpusPerNode;
      nodes.add(node(n, type, gpusPerNode, random));
    }
    int systemPods = podCount * 7 / 10;
    for (int i = 0; i < systemPods; i++) {
      pods.add(systemPod(i, nodes.get(i % nodeCount).getMetadata().getName()));
    }
    int agentPods = podCount - systemPods;
    // leave a fifth of the GPUs free, so that the round has builds to start
    int allocatable = nodeCount * gpusPerNode * 4 / 5;
    for (int i = 0; i < agentPods; i++) {
      String name = "gpu-agent-" + i;
      String team = "team-" + random.nextInt(40);
      int gpus = pick(random, new int[] {1, 1, 1, 1, 1, 1, 2, 2, 4, 8});
      double kind = random.nextDouble();
      if (kind < 0.06) {
        pods.add(
            agentPod(
                name,
                nodes.get(random.nextInt(nodeCount)).getMetadata().getName(),
                random.nextBoolean() ? "Succeeded" : "Failed",
                gpus,
                random));
        continue;
      }
      int node = kind < 0.85 && allocatable >= gpus ? fit(free, gpus, random) : -1;
      if (node < 0) {
        Pod pending = agentPod(name, null, "Pending", gpus, random);
        pods.add(pending);
        events.add(
            event(
                pending,
                "Warning",
                "FailedScheduling",
                "0/"
                    + nodeCount
                    + " nodes are available: "
                    + nodeCount
                    + " Insufficient nvidia.com/gpu.",
                random));
        events.add(
            event(
                pending,
                "Normal",
                random.nextBoolean() ? "TriggeredScaleUp" : "NotTriggerScaleUp",
                "pod triggered scale-up: [{gpu-pool 3->4 (max: 10)}]",
                random));
        agents.put(name, AgentActivity.idle(null));
        continue;
      }
      free[node] -= gpus;
      allocatable -= gpus;
      Pod pod = agentPod(name, nodes.get(node).getMetadata().getName(), "Running", gpus, random);
      pods.add(pod);
      events.add(event(pod, "Normal", "Started", "Started container train", random));
      running.add(new RunningUsage(name, team + "/train", TYPES[typeOf(node)], gpus));
      double state = random.nextDouble();
      if (state < 0.70) {
        agents.put(name, AgentActivity.busy(team + "/train #" + i));
      } else if (state < 0.90) {
        agents.put(name, AgentActivity.idle(now.minus(Duration.ofMinutes(random.nextInt(60)))));
      } else if (state < 0.95) {
        agents.put(
            name,
            AgentActivity.ended(
                team + "/train #" + i,
                "ABORTED",
                now.minus(Duration.ofMinutes(random.nextInt(30)))));
      }
    }
    for (int i = 0; i < queued; i++) {
      String type = random.nextInt(10) == 0 ? null : TYPES[random.nextInt(TYPES.length)];
      queue.add(
          new QueuedRequest(
              "team-" + random.nextInt(40) + "/job #" + i,
              "team-" + random.nextInt(40) + "/job" + random.nextInt(3),
              PRIORITIES[random.nextInt(PRIORITIES.length)],
              type,
              pick(random, new int[] {1, 1, 1, 2, 2, 4, 8}),
              now.minus(Duration.ofSeconds(random.nextInt(7200)))));
    }
    List<Quota> quotas = new ArrayList<>();
    for (int t = 0; t < 40; t++) {
      quotas.add(new Quota("team-" + t, null, 120));
      quotas.add(new Quota("team-" + t, "a100", 64));
    }
    quotas.add(new Quota(null, "h100", 1000));
    policy = new SchedulingPolicy(List.of(PRIORITIES), "nightly", quotas, false);
  }

  /** The model's view of the API objects; the controller builds it as the informers report. */
  public ClusterSnapshot snapshot() {
    AgentPods selector = AgentPods.kubernetesPlugin();
    List<NodeView> nodeViews = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      nodeViews.add(NodeView.of(node, options));
    }
    List<PodView> podViews = new ArrayList<>(pods.size());
    for (Pod pod : pods) {
      podViews.add(PodView.of(pod, selector));
    }
    List<EventView> eventViews = new ArrayList<>(events.size());
    for (Event event : events) {
      eventViews.add(EventView.of(event));
    }
    return new ClusterSnapshot(nodeViews, podViews, eventViews, now);
  }

  public JenkinsAgents jenkins() {
    return new JenkinsAgents(agents, true);
  }

  private int typeOf(int node) {
    return node % 10 < 5 ? 0 : node % 10 < 8 ? 1 : 2;
  }

  private static int fit(int[] free, int gpus, Random random) {
    int start = random.nextInt(free.length);
    for (int k = 0; k < free.length; k++) {
      int n = (start + k) % free.length;
      if (free[n] >= gpus) {
        return n;
      }
    }
    return -1;
  }

  private static int pick(Random random, int[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private Node node(int n, int type, int gpus, Random random) {
    Map<String, String> labels = new HashMap<>();
    labels.put("kubernetes.io/hostname", "gpu-node-" + n);
    labels.put("nvidia.com/gpu.product", PRODUCTS[type]);
    labels.put("nvidia.com/gpu.count", String.valueOf(gpus));
    if (random.nextInt(10) < 3) {
      labels.put("karpenter.sh/capacity-type", "spot");
    }
    Map<String, Quantity> resources =
        Map.of(
            "cpu",
            new Quantity("96"),
            "memory",
            new Quantity("1000Gi"),
            "nvidia.com/gpu",
            new Quantity(String.valueOf(gpus)));
    return new NodeBuilder()
        .withNewMetadata()
        .withName("gpu-node-" + n)
        .withLabels(labels)
        .withCreationTimestamp("2024-05-01T00:00:00Z")
        .endMetadata()
        .withNewSpec()
        .withUnschedulable(random.nextInt(20) == 0 ? Boolean.TRUE : null)
        .addNewTaint()
        .withKey("nvidia.com/gpu")
        .withValue("present")
        .withEffect("NoSchedule")
        .endTaint()
        .endSpec()
        .withNewStatus()
        .withCapacity(resources)
        .withAllocatable(resources)
        .addNewCondition()
        .withType("Ready")
        .withStatus(random.nextInt(50) == 0 ? "False" : "True")
        .endCondition()
        .endStatus()
        .build();
  }

  private Pod systemPod(int i, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("node-exporter-" + i)
        .withNamespace("monitoring")
        .addToLabels("app", "node-exporter")
        .withCreationTimestamp("2024-05-01T00:00:00Z")
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("exporter")
        .withImage("prom/node-exporter:v1.8.1")
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withStartTime("2024-05-01T00:00:10Z")
        .endStatus()
        .build();
  }

  private Pod agentPod(String name, String node, String phase, int gpus, Random random) {
    Instant created = now.minus(Duration.ofMinutes(1 + random.nextInt(240)));
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("ci")
            .addToLabels("jenkins", "slave")
            .addToLabels("jenkins/label", "gpu-train")
            .addToAnnotations("ctsuite.io/gpu-request", "gpu:" + gpus)
            .withCreationTimestamp(created.toString())
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .addNewContainer()
            .withName("jnlp")
            .endContainer()
            .addNewContainer()
            .withName("train")
            .withNewResources()
            .addToLimits("nvidia.com/gpu", new Quantity(String.valueOf(gpus)))
            .endResources()
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .withStartTime(node == null ? null : created.plusSeconds(30).toString())
            .endStatus();
    if (node == null) {
      pod.editStatus()
          .addNewCondition()
          .withType("PodScheduled")
          .withStatus("False")
          .withReason("Unschedulable")
          .withLastTransitionTime(created.toString())
          .endCondition()
          .endStatus();
    }
    return pod.build();
  }

  private Event event(Pod pod, String type, String reason, String message, Random random) {
    String at = now.minus(Duration.ofSeconds(random.nextInt(600))).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withName(pod.getMetadata().getName() + "." + reason)
        .withNamespace("ci")
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Pod")
        .withNamespace("ci")
        .withName(pod.getMetadata().getName())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withLastTimestamp(at)
        .withCount(1)
        .build();
  }
}
