package io.ctsuite.cli.gpu;

import static io.ctsuite.cli.gpu.CliRun.ct;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code ct gpu inventory} and {@code reap} against an API server on 127.0.0.1 holding the real
 * node and pod fixtures and agent pods made from the real GPU pod.
 */
public class GpuClusterCommandsTest {
  private static final Path FIXTURES = Path.of("../../shared/fixtures/kubernetes");
  private static final String T4 = "qa-mig-worker-gpu-1";

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private FakeKubeApi api;
  private Path kubeconfig;
  private final Instant now = Instant.now();

  @Before
  public void startCluster() throws IOException {
    api = new FakeKubeApi();
    kubeconfig = api.kubeconfig(temp.getRoot().toPath());
    api.nodes.add(
        read(
            "run-ai__fake-gpu-operator/design/samples/<2.9/fraction/node/1_workload.yaml",
            Node.class));
    api.nodes.add(
        read(
            "run-ai__fake-gpu-operator/design/samples/<2.9/mig/node/4_instances.yaml", Node.class));
    api.nodes.add(read("derailed__k9s/internal/dao/testdata/n1.json", Node.class));
    api.pods.addAll(
        read("cloudability__metrics-agent/testdata/pods.json", PodList.class).getItems());
    api.pods.add(agent("train-busy", T4, "Running", now.minus(Duration.ofHours(3))));
    api.pods.add(agent("train-idle", T4, "Running", now.minus(Duration.ofHours(2))));
    Pod stuck = agent("train-stuck", null, "Pending", now.minus(Duration.ofMinutes(40)));
    stuck
        .getStatus()
        .setConditions(
            List.of(
                new PodConditionBuilder()
                    .withType("PodScheduled")
                    .withStatus("False")
                    .withReason("Unschedulable")
                    .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
                    .withLastTransitionTime(now.minus(Duration.ofMinutes(40)).toString())
                    .build()));
    stuck.getMetadata().setCreationTimestamp(now.minus(Duration.ofMinutes(40)).toString());
    api.pods.add(stuck);
  }

  @After
  public void stopCluster() {
    api.close();
    System.clearProperty("kubeconfig");
  }

  @Test
  public void shouldShowGpusPerNodeAndWaitingPods() {
    CliRun run = ct("gpu", "inventory", "--kubeconfig", kubeconfig.toString());
    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out)
        .containsPattern("qa-mig-worker-gpu-1\\s+t4\\s+ready\\s+2\\s+2\\s+0")
        .containsPattern(
            "qa-mig-worker-gpu-a100\\s+a100\\s+ready\\s+0\\s+0\\s+0\\s+1g.5gb 0/3, 2g.10gb 0/1, 3g.20gb 0/0 \\(of 1\\)")
        .contains("ci/train-stuck")
        .contains("40 min")
        .contains("Unschedulable: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
        .doesNotContain("minikube");
  }

  @Test
  public void shouldPrintTheInventoryAsJson() throws Exception {
    CliRun run = ct("gpu", "inventory", "--kubeconfig", kubeconfig.toString(), "--json");
    assertThat(run.exit).as(run.toString()).isZero();
    var json = io.ctsuite.core.Json.mapper().readTree(run.out);
    assertThat(json.path("nodes")).hasSize(2);
    assertThat(json.path("pending").get(0).path("name").asText()).isEqualTo("train-stuck");
  }

  @Test
  public void shouldListDecisionsWithoutDeletingInADryRun() {
    CliRun run =
        ct(
            "gpu",
            "reap",
            "--dry-run",
            "--kubeconfig",
            kubeconfig.toString(),
            "--busy",
            "train-busy");
    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(api.deletes).isEmpty();
    assertThat(run.out)
        .contains("keep: it runs build (given with --busy); a pod running a build is never deleted")
        .contains("keep: Jenkins did not say whether a build runs on it")
        .contains("delete: Pending for 40 min (limit 30 min), so no node came up for it")
        .contains("Dry run: would delete 1 of 3 agent pods; nothing was deleted.");
  }

  @Test
  public void shouldDeleteWhatJenkinsSaysIsIdle() throws IOException {
    Path agents = temp.getRoot().toPath().resolve("agents.yaml");
    Files.writeString(
        agents,
        "complete: true\n"
            + "agents:\n"
            + "  train-busy: {state: BUSY, build: 'ml/retrain #42'}\n"
            + "  train-idle: {state: IDLE, since: '"
            + now.minus(Duration.ofMinutes(25))
            + "'}\n");
    CliRun run =
        ct("gpu", "reap", "--kubeconfig", kubeconfig.toString(), "--agents", agents.toString());
    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(api.deletes).containsExactlyInAnyOrder("ci/train-idle", "ci/train-stuck");
    assertThat(run.out).contains("Deleted 2 of 3 agent pods.");
  }

  @Test
  public void shouldNameTheBadFieldOfAnAgentsFile() throws IOException {
    Path agents = temp.getRoot().toPath().resolve("agents.yaml");
    Files.writeString(agents, "agents:\n  train-busy: {state: RUNNING}\n");
    CliRun run =
        ct("gpu", "reap", "--kubeconfig", kubeconfig.toString(), "--agents", agents.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .contains("agents.train-busy.state: 'RUNNING' is not BUSY, IDLE or BUILD_ENDED");
    assertThat(api.deletes).isEmpty();
  }

  @Test
  public void shouldSayWhenTheClusterDoesNotAnswer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = temp.getRoot().toPath().resolve("down.yaml");
    Files.writeString(
        config, Files.readString(kubeconfig).replace(api.url(), "http://127.0.0.1:" + port));
    CliRun run = ct("gpu", "inventory", "--kubeconfig", config.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .startsWith(
            "ct gpu inventory: cannot reach the Kubernetes API at http://127.0.0.1:" + port);
  }

  @Test
  public void shouldSayWhenNoClusterIsConfigured() {
    Assume.assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null);
    Assume.assumeTrue(System.getenv("KUBERNETES_MASTER") == null);
    System.setProperty("kubeconfig", temp.getRoot().toPath().resolve("absent").toString());
    CliRun run = ct("gpu", "reap", "--dry-run");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("no Kubernetes cluster is configured").contains("--kubeconfig");
  }

  private static Pod agent(String name, String node, String phase, Instant started) {
    Pod template =
        read(
            "run-ai__fake-gpu-operator/design/samples/2.17/fractional_pod_reservation.yaml",
            Pod.class);
    Pod pod =
        new PodBuilder(template)
            .editMetadata()
            .withName(name)
            .withNamespace("ci")
            .withCreationTimestamp(started.toString())
            .withLabels(Map.of("jenkins", "slave", "jenkins/label", "gpu-train"))
            .endMetadata()
            .editSpec()
            .withNodeName(node)
            .editFirstContainer()
            .editResources()
            .withLimits(Map.of("nvidia.com/gpu", new Quantity("1")))
            .withRequests(Map.of("nvidia.com/gpu", new Quantity("1")))
            .endResources()
            .endContainer()
            .endSpec()
            .editStatus()
            .withPhase(phase)
            .withStartTime(node == null ? null : started.toString())
            .endStatus()
            .build();
    if (node == null) {
      pod.getStatus().setContainerStatuses(List.of());
    }
    return pod;
  }

  private static <T> T read(String path, Class<T> type) {
    try {
      return Serialization.unmarshal(Files.readString(FIXTURES.resolve(path)), type);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
