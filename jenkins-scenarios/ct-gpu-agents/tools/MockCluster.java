import io.fabric8.kubernetes.api.model.*;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetAddress;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;

/**
 * A Kubernetes API server for a manual reaper check in the harness (no cluster is reachable here):
 * fabric8's mock server in CRUD mode on 127.0.0.1:PORT with the T4 and A100-MIG nodes of
 * shared/fixtures and five GPU agent pods in namespace ml, four of them labelled with the
 * controller id given, one with another controller's. Every 5 s it writes the pods left to
 * /tmp/gpu-glue/mock/pods.txt. See README.md beside it.
 */
public class MockCluster {
  static final Path DIR = Path.of(System.getProperty("fixtures", "../shared/fixtures/kubernetes"));
  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    String controller = a[1];
    KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), port, List.of());
    server.before();
    KubernetesClient client = server.getClient();
    Node t4 = Serialization.unmarshal(Files.readString(DIR.resolve("run-ai__fake-gpu-operator/design/samples/<2.9/fraction/node/1_workload.yaml")), Node.class);
    client.resource(t4).create();
    client.resource(Serialization.unmarshal(Files.readString(DIR.resolve("run-ai__fake-gpu-operator/design/samples/<2.9/mig/node/4_instances.yaml")), Node.class)).create();
    String node = t4.getMetadata().getName();
    pod(client, "gpu-orphan-1", controller, node, "Running");
    pod(client, "gpu-busy-1", controller, node, "Running");
    pod(client, "gpu-idle-1", controller, node, "Running");
    pod(client, "gpu-other-controller", "jffffffffffffffff", node, "Running");
    pod(client, "gpu-waiting-1", controller, null, "Pending");
    System.out.println("mock cluster on http://127.0.0.1:" + port + " node " + node);
    System.out.flush();
    while (true) {
      Thread.sleep(5000);
      List<String> names = new ArrayList<>();
      for (Pod p : client.pods().inNamespace("ml").list().getItems()) names.add(p.getMetadata().getName());
      Files.writeString(Path.of(System.getProperty("podsFile", "pods.txt")), String.join("\n", names) + "\n");
    }
  }

  static void pod(KubernetesClient client, String name, String controller, String node, String phase) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ml")
        .addToLabels("jenkins/label", "gpu_a100_2").addToLabels("ctsuite.io/gpu-agent", "true")
        .addToLabels("ctsuite.io/controller", controller)
        .addToAnnotations("ctsuite.io/gpu-request", "gpu:t4").endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("train").withImage("x")
        .withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer().endSpec()
        .withNewStatus().withPhase(phase).withStartTime(phase.equals("Running") ? Instant.now().toString() : null).endStatus();
    if (phase.equals("Pending")) {
      b.editStatus().addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
          .withMessage("0/2 nodes are available: 2 Insufficient nvidia.com/gpu.").withLastTransitionTime(Instant.now().minusSeconds(3600).toString()).endCondition().endStatus();
    }
    client.resource(b.build()).create();
  }
}
