package io.ctsuite.gpu.pod;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.Toleration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How GPU requests become pods in one cluster; every field may be left out (null) for its default.
 * Read from YAML ({@code ct gpu --config}) or set by the Jenkins cloud configuration.
 *
 * @param gpuProducts GPU type (as written in requests) → values of the product label that mean it;
 *     one value becomes a node selector, several a node affinity "In"
 * @param productLabel the node label with the GPU product, set by NVIDIA GPU feature discovery
 * @param trainingContainer name of the container that gets the GPUs
 * @param trainingImage image of the training container, unless the base pod gives one
 * @param agentContainer name of the Jenkins agent container (the Kubernetes plugin's {@code jnlp})
 * @param agentImage image of the agent container; null lets the Kubernetes plugin choose
 * @param agentCpu CPU request of the agent container
 * @param agentMemory memory request of the agent container
 * @param cpuPerGpu CPU request of the training container per GPU ("0" for none)
 * @param memoryPerGpu memory request of the training container per GPU ("0" for none); it includes
 *     /dev/shm, which counts against the container's memory
 * @param shmSize size of the memory-backed /dev/shm that PyTorch data loaders need
 * @param priorityClassName priority class of GPU pods, unless the request names one; null: none
 * @param activeDeadlineSeconds longest run of a GPU pod, unless the request says; null: none
 * @param gpuTolerations tolerations for the taints GPU node pools carry
 * @param spotNodeLabels "key=value" labels that mark spot/preemptible nodes, any of which will do
 * @param spotTolerations tolerations for the taints spot node pools carry
 */
public record PodSpecOptions(
    Map<String, List<String>> gpuProducts,
    String productLabel,
    String trainingContainer,
    String trainingImage,
    String agentContainer,
    String agentImage,
    String agentCpu,
    String agentMemory,
    String cpuPerGpu,
    String memoryPerGpu,
    String shmSize,
    String priorityClassName,
    Long activeDeadlineSeconds,
    List<Toleration> gpuTolerations,
    List<String> spotNodeLabels,
    List<Toleration> spotTolerations)
    implements Serializable {

  /** The label GPU feature discovery puts on GPU nodes, e.g. {@code NVIDIA-A100-SXM4-80GB}. */
  public static final String PRODUCT_LABEL = "nvidia.com/gpu.product";

  /** Name of the memory-backed volume mounted at /dev/shm. */
  public static final String SHM_VOLUME = "dshm";

  public PodSpecOptions {
    gpuProducts = gpuProducts == null ? defaultProducts() : normalise(gpuProducts);
    productLabel = orDefault(productLabel, PRODUCT_LABEL);
    trainingContainer = orDefault(trainingContainer, "train");
    trainingImage = orDefault(trainingImage, "nvcr.io/nvidia/pytorch:24.08-py3");
    agentContainer = orDefault(agentContainer, "jnlp");
    agentCpu = orDefault(agentCpu, "500m");
    agentMemory = orDefault(agentMemory, "1Gi");
    cpuPerGpu = orDefault(cpuPerGpu, "8");
    memoryPerGpu = orDefault(memoryPerGpu, "48Gi");
    shmSize = orDefault(shmSize, "16Gi");
    gpuTolerations =
        gpuTolerations == null
            ? List.of(toleration("nvidia.com/gpu", "Exists", null, "NoSchedule"))
            : List.copyOf(gpuTolerations);
    spotNodeLabels =
        spotNodeLabels == null
            ? List.of(
                "karpenter.sh/capacity-type=spot",
                "cloud.google.com/gke-spot=true",
                "eks.amazonaws.com/capacityType=SPOT",
                "kubernetes.azure.com/scalesetpriority=spot")
            : List.copyOf(spotNodeLabels);
    spotTolerations =
        spotTolerations == null
            ? List.of(
                toleration("cloud.google.com/gke-spot", "Equal", "true", "NoSchedule"),
                toleration("kubernetes.azure.com/scalesetpriority", "Equal", "spot", "NoSchedule"))
            : List.copyOf(spotTolerations);
    Quantities.amount(agentCpu, "agentCpu");
    Quantities.amount(agentMemory, "agentMemory");
    Quantities.amount(cpuPerGpu, "cpuPerGpu");
    Quantities.amount(memoryPerGpu, "memoryPerGpu");
    Quantities.amount(shmSize, "shmSize");
    for (String label : spotNodeLabels) {
      if (label.indexOf('=') <= 0) {
        throw new io.ctsuite.core.InputException(
            "spotNodeLabels: '"
                + label
                + "' is not key=value (e.g. karpenter.sh/capacity-type=spot)");
      }
    }
  }

  /** All defaults. */
  public static PodSpecOptions defaults() {
    return new PodSpecOptions(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** The product label values of a GPU type, or an empty list when the type is not configured. */
  public List<String> productsOf(String type) {
    return gpuProducts.getOrDefault(type.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * The GPU type a node's product label means: the configured type that lists it, else a type whose
   * name is a word of the product (NVIDIA-A100-SXM4-80GB → a100), else the product itself.
   */
  public String typeOfProduct(String product) {
    if (product == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> entry : gpuProducts.entrySet()) {
      for (String known : entry.getValue()) {
        if (known.equalsIgnoreCase(product)) {
          return entry.getKey();
        }
      }
    }
    List<String> words = Arrays.asList(product.toLowerCase(Locale.ROOT).split("[-_ ]"));
    for (String type : gpuProducts.keySet()) {
      if (words.contains(type)) {
        return type;
      }
    }
    return product;
  }

  /** Same options with another shm size. */
  public PodSpecOptions withShmSize(String size) {
    return new PodSpecOptions(
        gpuProducts,
        productLabel,
        trainingContainer,
        trainingImage,
        agentContainer,
        agentImage,
        agentCpu,
        agentMemory,
        cpuPerGpu,
        memoryPerGpu,
        size,
        priorityClassName,
        activeDeadlineSeconds,
        gpuTolerations,
        spotNodeLabels,
        spotTolerations);
  }

  /** Same options with another priority class and deadline. */
  public PodSpecOptions withScheduling(String priorityClass, Long deadlineSeconds) {
    return new PodSpecOptions(
        gpuProducts,
        productLabel,
        trainingContainer,
        trainingImage,
        agentContainer,
        agentImage,
        agentCpu,
        agentMemory,
        cpuPerGpu,
        memoryPerGpu,
        shmSize,
        priorityClass,
        deadlineSeconds,
        gpuTolerations,
        spotNodeLabels,
        spotTolerations);
  }

  /** Same options with another type → product map. */
  public PodSpecOptions withGpuProducts(Map<String, List<String>> products) {
    return new PodSpecOptions(
        products,
        productLabel,
        trainingContainer,
        trainingImage,
        agentContainer,
        agentImage,
        agentCpu,
        agentMemory,
        cpuPerGpu,
        memoryPerGpu,
        shmSize,
        priorityClassName,
        activeDeadlineSeconds,
        gpuTolerations,
        spotNodeLabels,
        spotTolerations);
  }

  /** The configured GPU types, for messages. */
  @JsonIgnore
  public String knownTypes() {
    return String.join(", ", gpuProducts.keySet());
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static Map<String, List<String>> normalise(Map<String, List<String>> products) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    products.forEach(
        (type, values) ->
            copy.put(
                type.toLowerCase(Locale.ROOT),
                values == null ? List.of() : List.copyOf(new ArrayList<>(values))));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Product label values as GPU feature discovery writes them (the nvidia-smi name with spaces as
   * dashes). Clusters with other products configure their own map.
   */
  private static Map<String, List<String>> defaultProducts() {
    Map<String, List<String>> products = new LinkedHashMap<>();
    products.put(
        "a100",
        List.of(
            "NVIDIA-A100-SXM4-40GB",
            "NVIDIA-A100-SXM4-80GB",
            "NVIDIA-A100-PCIE-40GB",
            "NVIDIA-A100-80GB-PCIe"));
    products.put("h100", List.of("NVIDIA-H100-80GB-HBM3", "NVIDIA-H100-PCIe", "NVIDIA-H100-NVL"));
    products.put("h200", List.of("NVIDIA-H200"));
    products.put("l40s", List.of("NVIDIA-L40S"));
    products.put("l4", List.of("NVIDIA-L4"));
    products.put("a10g", List.of("NVIDIA-A10G"));
    products.put("t4", List.of("Tesla-T4"));
    products.put(
        "v100",
        List.of(
            "Tesla-V100-SXM2-16GB",
            "Tesla-V100-SXM2-32GB",
            "Tesla-V100-PCIE-16GB",
            "Tesla-V100-PCIE-32GB"));
    return java.util.Collections.unmodifiableMap(products);
  }

  private static Toleration toleration(String key, String operator, String value, String effect) {
    Toleration toleration = new Toleration();
    toleration.setKey(key);
    toleration.setOperator(operator);
    toleration.setValue(value);
    toleration.setEffect(effect);
    return toleration;
  }
}
