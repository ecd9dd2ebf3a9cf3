package io.ctsuite.gpu.pod;

import io.ctsuite.core.InputException;
import io.ctsuite.gpu.request.GpuRequest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link GpuRequest} into the pod fragment the Jenkins Kubernetes plugin runs: the agent
 * container, a training container holding the GPUs, CPU and memory scaled to the GPUs, node
 * placement on the asked GPU type (and spot nodes if asked), tolerations for GPU and spot taints, a
 * memory-backed /dev/shm, and the priority class and deadline.
 */
public final class GpuPodGenerator {
  /** Annotation with the request that made a pod; the inventory and reaper read it. */
  public static final String REQUEST_ANNOTATION = "ctsuite.io/gpu-request";

  /** Label on every pod made from a GPU request. */
  public static final String GPU_AGENT_LABEL = "ctsuite.io/gpu-agent";

  private final PodSpecOptions options;

  public GpuPodGenerator(PodSpecOptions options) {
    this.options = options;
  }

  /** The pod fragment for a request; fails with a clear message for an unconfigured GPU type. */
  public Pod generate(GpuRequest request) {
    List<String> products = products(request);
    PodSpecBuilder spec = new PodSpecBuilder();
    spec.addToContainers(agentContainer(), trainingContainer(request));
    placement(spec, request, products);
    List<Toleration> tolerations = new ArrayList<>(options.gpuTolerations());
    if (request.spot()) {
      tolerations.addAll(options.spotTolerations());
    }
    spec.withTolerations(tolerations);
    spec.addNewVolume()
        .withName(PodSpecOptions.SHM_VOLUME)
        .withNewEmptyDir()
        .withMedium("Memory")
        .withSizeLimit(new Quantity(shmSize(request, memoryRequest(request))))
        .endEmptyDir()
        .endVolume();
    String priority = request.priority() != null ? request.priority() : options.priorityClassName();
    spec.withPriorityClassName(priority);
    spec.withActiveDeadlineSeconds(
        request.deadline() != null
            ? Long.valueOf(request.deadline().getSeconds())
            : options.activeDeadlineSeconds());
    return new PodBuilder()
        .withApiVersion("v1")
        .withKind("Pod")
        .withNewMetadata()
        .addToAnnotations(REQUEST_ANNOTATION, request.text())
        .addToLabels(GPU_AGENT_LABEL, "true")
        .endMetadata()
        .withSpec(spec.build())
        .build();
  }

  private List<String> products(GpuRequest request) {
    if (request.type() == null) {
      return List.of();
    }
    List<String> products = options.productsOf(request.type());
    if (products.isEmpty()) {
      throw new InputException(
          "GPU request '"
              + request.text()
              + "': the GPU type '"
              + request.type()
              + "' is not configured; known types: "
              + options.knownTypes()
              + " (add it to gpuProducts with its "
              + options.productLabel()
              + " label values)");
    }
    return products;
  }

  private Container agentContainer() {
    ContainerBuilder agent = new ContainerBuilder().withName(options.agentContainer());
    if (options.agentImage() != null) {
      agent.withImage(options.agentImage());
    }
    return agent
        .withNewResources()
        .addToRequests("cpu", new Quantity(options.agentCpu()))
        .addToRequests("memory", new Quantity(options.agentMemory()))
        .endResources()
        .build();
  }

  private Container trainingContainer(GpuRequest request) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    BigDecimal cpu = Quantities.amount(options.cpuPerGpu(), "cpuPerGpu").multiply(gpus(request));
    BigDecimal memory = memoryRequest(request);
    if (cpu.signum() > 0) {
      requests.put("cpu", new Quantity(Quantities.cpu(cpu)));
    }
    if (memory.signum() > 0) {
      requests.put("memory", new Quantity(Quantities.memory(memory)));
    }
    return new ContainerBuilder()
        .withName(options.trainingContainer())
        .withImage(options.trainingImage())
        // the Kubernetes plugin runs steps in extra containers through exec; keep it alive
        .withCommand("sleep")
        .withArgs("infinity")
        .withNewResources()
        .addToLimits(request.resourceName(), new Quantity(String.valueOf(request.count())))
        .withRequests(requests)
        .endResources()
        .addNewVolumeMount()
        .withName(PodSpecOptions.SHM_VOLUME)
        .withMountPath("/dev/shm")
        .endVolumeMount()
        .build();
  }

  private void placement(PodSpecBuilder spec, GpuRequest request, List<String> products) {
    boolean productBySelector = products.size() == 1;
    if (productBySelector) {
      spec.addToNodeSelector(options.productLabel(), products.get(0));
    }
    List<NodeSelectorRequirement> common = new ArrayList<>();
    if (products.size() > 1) {
      common.add(requirement(options.productLabel(), products));
    }
    List<NodeSelectorTerm> terms = new ArrayList<>();
    if (request.spot()) {
      // any one of the spot labels will do: one term per label, each with the common parts
      for (String label : options.spotNodeLabels()) {
        int equals = label.indexOf('=');
        List<NodeSelectorRequirement> expressions = new ArrayList<>(common);
        expressions.add(
            requirement(label.substring(0, equals), List.of(label.substring(equals + 1))));
        terms.add(new NodeSelectorTermBuilder().withMatchExpressions(expressions).build());
      }
    } else if (!common.isEmpty()) {
      terms.add(new NodeSelectorTermBuilder().withMatchExpressions(common).build());
    }
    if (!terms.isEmpty()) {
      spec.withNewAffinity()
          .withNewNodeAffinity()
          .withNewRequiredDuringSchedulingIgnoredDuringExecution()
          .withNodeSelectorTerms(terms)
          .endRequiredDuringSchedulingIgnoredDuringExecution()
          .endNodeAffinity()
          .endAffinity();
    }
  }

  private static NodeSelectorRequirement requirement(String key, List<String> values) {
    return new NodeSelectorRequirementBuilder()
        .withKey(key)
        .withOperator("In")
        .withValues(values)
        .build();
  }

  /** Whole GPUs the request amounts to; a MIG slice of g compute slices is g/7 of a GPU. */
  private static BigDecimal gpus(GpuRequest request) {
    return BigDecimal.valueOf(request.count())
        .multiply(BigDecimal.valueOf(request.gpuFractionPerUnit()));
  }

  /**
   * Memory scaled to the GPUs, and at least the /dev/shm the request asks for: shm pages count
   * against the container's memory, so a smaller request would be evicted while loading data.
   */
  private BigDecimal memoryRequest(GpuRequest request) {
    BigDecimal memory =
        Quantities.amount(options.memoryPerGpu(), "memoryPerGpu").multiply(gpus(request));
    if (request.shmSize() != null && memory.signum() > 0) {
      memory = memory.max(Quantities.amount(request.shmSize(), "shm"));
    }
    return memory;
  }

  /**
   * The asked shm size, else the configured one capped at half the memory request, so that a small
   * MIG slice does not get more shared memory than memory.
   */
  private String shmSize(GpuRequest request, BigDecimal memory) {
    if (request.shmSize() != null) {
      return request.shmSize();
    }
    BigDecimal configured = Quantities.amount(options.shmSize(), "shmSize");
    BigDecimal half = memory.divide(BigDecimal.valueOf(2));
    if (memory.signum() > 0 && half.compareTo(configured) < 0) {
      return Quantities.memory(half);
    }
    return options.shmSize();
  }
}
