package io.ctsuite.gpu.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Kubernetes objects in shared/fixtures/kubernetes (see its PROVENANCE.md): two GPU nodes
 * from GPU-operator clusters (2x T4; A100 split into MIG slices), a node without GPUs, a pod that
 * holds a GPU and a PodList of ordinary workloads.
 */
public final class KubernetesFixtures {
  static final Path DIR = Path.of("../../../shared/fixtures/kubernetes");

  private KubernetesFixtures() {}

  /** 2x Tesla-T4 node, GPU feature discovery labels, allocatable nvidia.com/gpu "2". */
  public static Node t4Node() {
    return read(
        "run-ai__fake-gpu-operator/design/samples/<2.9/fraction/node/1_workload.yaml", Node.class);
  }

  /** A100-SXM4-40GB in MIG mode: mig-1g.5gb x3, mig-2g.10gb x1, no whole GPU. */
  public static Node a100MigNode() {
    return read(
        "run-ai__fake-gpu-operator/design/samples/<2.9/mig/node/4_instances.yaml", Node.class);
  }

  /** A minikube node without GPUs. */
  public static Node plainNode() {
    return read("derailed__k9s/internal/dao/testdata/n1.json", Node.class);
  }

  /** A running pod with limits and requests nvidia.com/gpu: "1". */
  public static Pod gpuPod() {
    return read(
        "run-ai__fake-gpu-operator/design/samples/2.17/fractional_pod_reservation.yaml", Pod.class);
  }

  /** Six running pods of an EKS cluster (agents, DNS, proxy), none with GPUs. */
  public static List<Pod> workloadPods() {
    return read("cloudability__metrics-agent/testdata/pods.json", PodList.class).getItems();
  }

  private static <T> T read(String path, Class<T> type) {
    try {
      return Serialization.unmarshal(Files.readString(DIR.resolve(path)), type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read fixture " + DIR.resolve(path) + " (is shared/ beside the repository?)", e);
    }
  }
}
