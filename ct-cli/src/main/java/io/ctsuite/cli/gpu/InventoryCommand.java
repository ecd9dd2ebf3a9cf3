package io.ctsuite.cli.gpu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.Json;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.cluster.GpuInventory;
import io.ctsuite.gpu.cluster.GpuResources;
import io.ctsuite.gpu.cluster.KubernetesGpuCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct gpu inventory}: the cluster's GPUs, what holds them, and who waits. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = {
      "Show the cluster's GPUs per node and the pods that wait for GPUs.",
      "",
      "Per node the GPU type, allocatable, allocated (from running pods) and free",
      "GPUs, MIG slices, cordoned and not-ready nodes; then the pods that wait for",
      "GPUs, with the scheduler's or autoscaler's reason."
    })
public class InventoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GpuConfigOption config;

  @Mixin KubeAccess kube;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    GpuSettings settings = config.settings(spec);
    GpuInventory inventory;
    try (KubernetesClient client = kube.connect()) {
      KubernetesGpuCluster cluster =
          new KubernetesGpuCluster(
              client, settings.pods(), settings.agentSelector(), Clock.systemUTC());
      inventory = kube.call(client, c -> cluster.snapshot().inventory());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Json.mapper().writeValueAsString(toJson(inventory)));
    } else {
      print(inventory, out);
    }
    out.flush();
    return 0;
  }

  static void print(GpuInventory inventory, PrintWriter out) {
    if (inventory.nodes().isEmpty()) {
      out.println("No GPU nodes: no node advertises nvidia.com/gpu or MIG slices, and none has a");
      out.println("GPU product label (is the NVIDIA device plugin or GPU operator installed?).");
    } else {
      Table nodes =
          new Table(
              "node",
              "type",
              "state",
              "allocatable",
              "allocated",
              "free",
              "mig slices (used/allocatable)",
              "spot");
      for (GpuInventory.NodeGpus row : inventory.nodes()) {
        nodes.row(
            row.node().name(),
            row.node().type() == null ? "?" : row.node().type(),
            row.state(),
            row.node().allocatable().getOrDefault(GpuResources.GPU, 0L),
            row.allocated().getOrDefault(GpuResources.GPU, 0L),
            row.free().getOrDefault(GpuResources.GPU, 0L),
            migSlices(row),
            row.node().spot() ? "yes" : "");
      }
      nodes.print(out);
      out.println();
      Table totals = new Table("type", "allocatable", "allocated", "free now");
      inventory.totalsByType().forEach((type, t) -> totals.row(type, t[0], t[1], t[2]));
      totals.print(out);
    }
    out.println();
    if (inventory.pending().isEmpty()) {
      out.println("No pod waits for GPUs.");
      return;
    }
    Table pending = new Table("waiting pod", "wants", "waiting for", "why");
    for (GpuInventory.PendingGpuPod p : inventory.pending()) {
      pending.row(
          p.pod().key(),
          GpuResources.describe(p.pod().gpus()),
          Durations.words(p.waiting()),
          p.reason());
    }
    pending.print(out);
  }

  private static String migSlices(GpuInventory.NodeGpus row) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> e : row.node().allocatable().entrySet()) {
      if (e.getKey().startsWith(GpuResources.MIG_PREFIX)) {
        long capacity = row.node().capacity().getOrDefault(e.getKey(), e.getValue());
        parts.add(
            e.getKey().substring("nvidia.com/mig-".length())
                + " "
                + row.allocated().getOrDefault(e.getKey(), 0L)
                + "/"
                + e.getValue()
                + (capacity != e.getValue() ? " (of " + capacity + ")" : ""));
      }
    }
    return String.join(", ", parts);
  }

  static ObjectNode toJson(GpuInventory inventory) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("at", inventory.at().toString());
    ArrayNode nodes = root.putArray("nodes");
    for (GpuInventory.NodeGpus row : inventory.nodes()) {
      ObjectNode node = nodes.addObject();
      node.put("name", row.node().name());
      node.put("type", row.node().type());
      node.put("product", row.node().product());
      node.put("state", row.state());
      node.put("spot", row.node().spot());
      node.set("capacity", Json.mapper().valueToTree(row.node().capacity()));
      node.set("allocatable", Json.mapper().valueToTree(row.node().allocatable()));
      node.set("allocated", Json.mapper().valueToTree(row.allocated()));
      node.set("free", Json.mapper().valueToTree(row.free()));
      node.put("pods", row.pods());
      node.set("taints", Json.mapper().valueToTree(row.node().taints()));
    }
    ArrayNode pending = root.putArray("pending");
    for (GpuInventory.PendingGpuPod p : inventory.pending()) {
      ObjectNode pod = pending.addObject();
      pod.put("namespace", p.pod().namespace());
      pod.put("name", p.pod().name());
      pod.set("gpus", Json.mapper().valueToTree(p.pod().gpus()));
      pod.put("waiting_seconds", p.waiting().getSeconds());
      pod.put("reason", p.reason());
    }
    return root;
  }
}
