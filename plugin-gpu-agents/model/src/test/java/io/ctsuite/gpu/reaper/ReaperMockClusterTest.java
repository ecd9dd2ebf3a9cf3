package io.ctsuite.gpu.reaper;

import static io.ctsuite.gpu.cluster.AgentPodFixtures.event;
import static io.ctsuite.gpu.cluster.AgentPodFixtures.failed;
import static io.ctsuite.gpu.cluster.AgentPodFixtures.pending;
import static io.ctsuite.gpu.cluster.AgentPodFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.gpu.cluster.AgentPodFixtures;
import io.ctsuite.gpu.cluster.AgentPods;
import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.cluster.KubernetesFixtures;
import io.ctsuite.gpu.cluster.KubernetesGpuCluster;
import io.ctsuite.gpu.pod.PodSpecOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The reaper against a Kubernetes API server on 127.0.0.1 (fabric8's mock in CRUD mode) loaded with
 * the real node and pod fixtures plus agent pods made from the real GPU pod.
 */
public class ReaperMockClusterTest {
  /**
   * The API server stamps creationTimestamp with its own clock, as a real one does, so the test's
   * "now" is the real time and the fixtures' times are set relative to it.
   */
  private static final Instant NOW =
      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  private static final String T4 = "qa-mig-worker-gpu-1";
  private static final String A100 = "qa-mig-worker-gpu-a100";

  @Rule
  public KubernetesServer server =
      new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());

  private KubernetesClient client;
  private KubernetesGpuCluster cluster;

  @Before
  public void loadCluster() throws Exception {
    client = server.getClient();
    client.resource(KubernetesFixtures.t4Node()).create();
    client.resource(KubernetesFixtures.a100MigNode()).create();
    client.resource(KubernetesFixtures.plainNode()).create();
    for (Pod pod : KubernetesFixtures.workloadPods()) {
      client.resource(pod).create();
    }
    client.resource(KubernetesFixtures.gpuPod()).create();

    create(running("gpu-busy", T4, NOW.minus(Duration.ofDays(3)), gpus("nvidia.com/gpu", "1")));
    create(running("gpu-idle", T4, NOW.minus(Duration.ofHours(2)), gpus("nvidia.com/gpu", "1")));
    create(failed("gpu-oom", T4, NOW.minus(Duration.ofHours(1)), "OOMKilled"));
    create(failed("gpu-busy-crashed", T4, NOW.minus(Duration.ofHours(1)), "Error"));
    create(
        running(
            "gpu-mig", A100, NOW.minus(Duration.ofHours(5)), gpus("nvidia.com/mig-1g.5gb", "2")));
    create(
        running(
            "gpu-aborted",
            A100,
            NOW.minus(Duration.ofHours(1)),
            gpus("nvidia.com/mig-1g.5gb", "1")));
    create(
        running(
            "gpu-orphan",
            A100,
            NOW.minus(Duration.ofHours(2)),
            gpus("nvidia.com/mig-2g.10gb", "1")));
    Pod stuck =
        create(
            pending("gpu-stuck", NOW.minus(Duration.ofMinutes(50)), gpus("nvidia.com/gpu", "8")));
    Pod scaling =
        create(
            pending("gpu-scaling", NOW.minus(Duration.ofMinutes(4)), gpus("nvidia.com/gpu", "1")));
    createEvent(
        event(
            stuck,
            "Warning",
            "FailedScheduling",
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: },"
                + " 2 Insufficient nvidia.com/gpu.",
            NOW.minus(Duration.ofMinutes(49))));
    createEvent(
        event(
            stuck,
            "Normal",
            "NotTriggerScaleUp",
            "pod didn't trigger scale-up: 1 max node group size reached",
            NOW.minus(Duration.ofMinutes(48))));
    createEvent(
        event(
            scaling,
            "Normal",
            "TriggeredScaleUp",
            "pod triggered scale-up: [{gpu-a100-pool 0->1 (max: 4)}]",
            NOW.minus(Duration.ofMinutes(3))));
    // requests so far were the loading; the test looks at what the reaper sends
    drainRequests();
    cluster =
        new KubernetesGpuCluster(
            client,
            PodSpecOptions.defaults(),
            AgentPods.kubernetesPlugin(),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private JenkinsAgents jenkins() {
    return new JenkinsAgents(
        Map.of(
            "gpu-busy", AgentActivity.busy("ml/retrain #41"),
            "gpu-busy-crashed", AgentActivity.busy("ml/eval #7"),
            "gpu-mig", AgentActivity.busy("ml/hpo #310"),
            "gpu-idle", AgentActivity.idle(NOW.minus(Duration.ofMinutes(45))),
            "gpu-aborted",
                AgentActivity.ended("ml/retrain #40", "ABORTED", NOW.minus(Duration.ofMinutes(20))),
            "gpu-stuck", AgentActivity.idle(null),
            "gpu-scaling", AgentActivity.idle(null)),
        true);
  }

  @Test
  public void shouldDeleteExactlyTheDeadIdleStuckAndOrphanedAgentPods() throws Exception {
    ReaperRun.Outcome outcome =
        new ReaperRun(cluster, ReaperPolicy.defaults()).run(this::jenkins, false);

    assertThat(deletedPaths())
        .containsExactlyInAnyOrder(
            "/api/v1/namespaces/ci/pods/gpu-idle",
            "/api/v1/namespaces/ci/pods/gpu-oom",
            "/api/v1/namespaces/ci/pods/gpu-aborted",
            "/api/v1/namespaces/ci/pods/gpu-orphan",
            "/api/v1/namespaces/ci/pods/gpu-stuck");
    assertThat(outcome.problems()).isEmpty();
    assertThat(outcome.deleted()).hasSize(5);
    assertThat(client.pods().inNamespace("ci").list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("gpu-busy", "gpu-busy-crashed", "gpu-mig", "gpu-scaling");
    // the fixture workloads are no Jenkins agents and stay untouched
    assertThat(client.pods().inAnyNamespace().list().getItems()).hasSize(7 + 4);
    assertThat(outcome.plan().ignoredPods()).isEqualTo(7);
  }

  @Test
  public void shouldGiveAReasonInWordsForEveryDecision() {
    ReapPlan plan = new ReaperRun(cluster, ReaperPolicy.defaults()).run(this::jenkins, true).plan();
    Map<String, String> reasons =
        plan.decisions().stream()
            .collect(Collectors.toMap(d -> d.pod().name(), ReapDecision::reason));
    assertThat(reasons)
        .containsEntry(
            "gpu-busy",
            "keep: it runs build ml/retrain #41; a pod running a build is never deleted")
        .containsEntry(
            "gpu-busy-crashed",
            "keep: it runs build ml/eval #7; a pod running a build is never deleted")
        .containsEntry(
            "gpu-idle",
            "delete: the agent has been idle for 45 min (limit 10 min); frees 1 nvidia.com/gpu on "
                + T4)
        .containsEntry(
            "gpu-oom",
            "delete: the pod has stopped (phase Failed, container runai-reservation OOMKilled"
                + " (exit 137)) and no build runs on it")
        .containsEntry(
            "gpu-aborted",
            "delete: build ml/retrain #40 ended (ABORTED) 20 min ago and the Kubernetes plugin did"
                + " not remove the pod; frees 1 nvidia.com/mig-1g.5gb on "
                + A100)
        .containsEntry(
            "gpu-orphan",
            "delete: Jenkins has no agent by this name (a controller restart or a failed launch"
                + " leaves such pods) and it has run for 2 h; frees 1 nvidia.com/mig-2g.10gb on "
                + A100)
        .containsEntry(
            "gpu-stuck",
            "delete: Pending for 50 min (limit 30 min), so no node came up for it:"
                + " NotTriggerScaleUp: pod didn't trigger scale-up: 1 max node group size reached")
        .containsEntry(
            "gpu-scaling",
            "keep: Pending for 4 min of at most 30 min (GPU nodes take long to scale up):"
                + " TriggeredScaleUp: pod triggered scale-up: [{gpu-a100-pool 0->1 (max: 4)}]");
    assertThat(reasons).hasSize(9);
  }

  @Test
  public void shouldIssueNoDeleteInADryRun() throws Exception {
    ReaperRun.Outcome outcome =
        new ReaperRun(cluster, ReaperPolicy.defaults()).run(this::jenkins, true);
    assertThat(outcome.plan().deletions()).hasSize(5);
    assertThat(outcome.deleted()).isEmpty();
    assertThat(deletedPaths()).isEmpty();
    assertThat(client.pods().inNamespace("ci").list().getItems()).hasSize(9);
  }

  @Test
  public void shouldKeepEveryRunningPodWhenJenkinsSaysNothing() throws Exception {
    new ReaperRun(cluster, ReaperPolicy.defaults()).run(JenkinsAgents::unknown, false);
    // without Jenkins only pods that provably run no build go: stopped ones and stuck ones
    assertThat(deletedPaths())
        .containsExactlyInAnyOrder(
            "/api/v1/namespaces/ci/pods/gpu-oom",
            "/api/v1/namespaces/ci/pods/gpu-busy-crashed",
            "/api/v1/namespaces/ci/pods/gpu-stuck");
  }

  @Test
  public void shouldCountGpusPerNodeFromTheRunningPods() throws Exception {
    client
        .nodes()
        .withName(A100)
        .edit(
            n -> {
              n.getSpec().setUnschedulable(true);
              return n;
            });
    GpuInventory inventory = cluster.snapshot().inventory();

    assertThat(inventory.nodes()).extracting(n -> n.node().name()).containsExactly(A100, T4);
    GpuInventory.NodeGpus t4 = inventory.nodes().get(1);
    assertThat(t4.node().type()).isEqualTo("t4");
    assertThat(t4.node().allocatable()).containsEntry("nvidia.com/gpu", 2L);
    // busy and idle hold one GPU each; the two Failed pods hold nothing
    assertThat(t4.allocated()).containsEntry("nvidia.com/gpu", 2L);
    assertThat(t4.free()).containsEntry("nvidia.com/gpu", 0L);
    assertThat(t4.state()).isEqualTo("ready");

    GpuInventory.NodeGpus a100 = inventory.nodes().get(0);
    assertThat(a100.node().type()).isEqualTo("a100");
    assertThat(a100.node().allocatable())
        .containsEntry("nvidia.com/mig-1g.5gb", 3L)
        .containsEntry("nvidia.com/mig-2g.10gb", 1L)
        .containsEntry("nvidia.com/mig-3g.20gb", 0L);
    assertThat(a100.node().capacity()).containsEntry("nvidia.com/mig-3g.20gb", 1L);
    assertThat(a100.allocated())
        .containsEntry("nvidia.com/mig-1g.5gb", 3L)
        .containsEntry("nvidia.com/mig-2g.10gb", 1L);
    assertThat(a100.state()).isEqualTo("cordoned");
    assertThat(a100.usableFree()).isEmpty();

    assertThat(inventory.pending())
        .extracting(p -> p.pod().name() + " " + GpuInventory.words(p.waiting()) + " " + p.reason())
        .containsExactly(
            "gpu-stuck 50 min NotTriggerScaleUp: pod didn't trigger scale-up: 1 max node group size reached",
            "gpu-scaling 4 min TriggeredScaleUp: pod triggered scale-up: [{gpu-a100-pool 0->1 (max: 4)}]");
  }

  private Pod create(Pod pod) {
    return client.resource(pod).create();
  }

  private void createEvent(io.fabric8.kubernetes.api.model.Event event) {
    client.v1().events().inNamespace(AgentPodFixtures.NAMESPACE).resource(event).create();
  }

  private static Map<String, String> gpus(String resource, String amount) {
    return Map.of(resource, amount);
  }

  private void drainRequests() throws InterruptedException {
    while (server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // discard
    }
  }

  private Set<String> deletedPaths() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS))
        != null) {
      if ("DELETE".equals(request.getMethod())) {
        paths.add(request.getPath());
      }
    }
    return Set.copyOf(paths);
  }
}
