package io.ctsuite.gpu.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The GPU resources (whole GPUs and MIG slices) in resource lists, pods and nodes. */
public final class GpuResources {
  public static final String GPU = "nvidia.com/gpu";
  public static final String MIG_PREFIX = "nvidia.com/mig-";

  private GpuResources() {}

  public static boolean isGpuResource(String name) {
    return name.equals(GPU) || name.startsWith(MIG_PREFIX);
  }

  /** GPU resources of a resource list (capacity, allocatable, limits), by name. */
  public static Map<String, Long> of(Map<String, Quantity> resources) {
    Map<String, Long> gpus = new TreeMap<>();
    if (resources != null) {
      resources.forEach(
          (name, quantity) -> {
            if (isGpuResource(name) && quantity != null) {
              gpus.put(name, amount(quantity));
            }
          });
    }
    return gpus;
  }

  /**
   * What a pod holds, as the scheduler counts it: the sum over its containers, or the largest init
   * container if that is more (init containers run one at a time). Extended resources are given in
   * limits; requests, when present, equal them.
   */
  public static Map<String, Long> ofPod(PodSpec spec) {
    Map<String, Long> total = new TreeMap<>();
    if (spec == null) {
      return total;
    }
    for (Container container : nonNull(spec.getContainers())) {
      containerGpus(container).forEach((name, n) -> total.merge(name, n, Long::sum));
    }
    for (Container init : nonNull(spec.getInitContainers())) {
      containerGpus(init).forEach((name, n) -> total.merge(name, n, Math::max));
    }
    total.values().removeIf(n -> n == 0);
    return total;
  }

  private static Map<String, Long> containerGpus(Container container) {
    if (container.getResources() == null) {
      return Map.of();
    }
    Map<String, Long> gpus = of(container.getResources().getLimits());
    of(container.getResources().getRequests()).forEach(gpus::putIfAbsent);
    return gpus;
  }

  private static long amount(Quantity quantity) {
    // GPU counts are plain integers ("1", "8"); the general parser is far slower
    String amount = quantity.getAmount();
    String format = quantity.getFormat();
    if ((format == null || format.isEmpty())
        && amount != null
        && !amount.isEmpty()
        && amount.length() < 18
        && amount.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(amount);
    }
    try {
      return Quantity.getAmountInBytes(quantity).longValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** An unmodifiable copy in name order, so that output lists resources the same way each time. */
  public static Map<String, Long> sorted(Map<String, Long> resources) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(resources));
  }

  /** "4 nvidia.com/gpu", "2 nvidia.com/mig-1g.10gb + 1 nvidia.com/gpu". */
  public static String describe(Map<String, Long> gpus) {
    StringBuilder text = new StringBuilder();
    gpus.forEach(
        (name, n) ->
            text.append(text.length() == 0 ? "" : " + ").append(n).append(' ').append(name));
    return text.toString();
  }

  /** Whole GPUs a set of resources amounts to; a MIG slice of g compute slices is g/7. */
  public static double gpuEquivalent(Map<String, Long> gpus) {
    double total = 0;
    for (Map.Entry<String, Long> e : gpus.entrySet()) {
      if (e.getKey().equals(GPU)) {
        total += e.getValue();
      } else {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("mig-(?:\\d+c\\.)?(\\d+)g\\.").matcher(e.getKey());
        total += m.find() ? e.getValue() * Math.min(1.0, Integer.parseInt(m.group(1)) / 7.0) : 0;
      }
    }
    return total;
  }
}
