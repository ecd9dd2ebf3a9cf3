package io.jenkins.plugins.ct.gpu;

import io.ctsuite.core.InputException;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.pod.GpuPodGenerator;
import io.ctsuite.gpu.pod.PodMerger;
import io.ctsuite.gpu.pod.PodYaml;
import io.ctsuite.gpu.request.GpuRequest;
import io.ctsuite.gpu.request.GpuRequestParser;
import io.ctsuite.gpu.request.LabelExpressions;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod YAML for a GPU request, as the {@code gpuPodYaml} step and the pod templates of GPU
 * labels use it: the model's pod, the configured GPU resource name, this controller's label, and
 * the user's base pod merged in. No Jenkins type here, so that golden tests run without Jenkins.
 */
final class GpuPods {
  /** Label on GPU pods naming the controller that made them: its reaper looks at no others. */
  static final String CONTROLLER_LABEL = "ctsuite.io/controller";

  private final GpuSettings settings;
  private final String resourceName;
  private final String controllerId;

  GpuPods(GpuSettings settings, String resourceName, String controllerId) {
    this.settings = settings;
    this.resourceName =
        resourceName == null || resourceName.isBlank() ? GpuRequest.GPU_RESOURCE : resourceName;
    this.controllerId = controllerId;
  }

  /** The rendered pod and what the request overrode in the base pod. */
  record Rendered(GpuRequest request, String yaml, List<String> notes) {}

  /**
   * A request written as {@code gpu:a100:2} or a label expression holding one ({@code linux &&
   * gpu:a100:2}); errors name what is wrong.
   */
  static GpuRequest request(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (GpuRequestParser.isGpuAtom(trimmed)) {
      return GpuRequest.parse(trimmed);
    }
    return LabelExpressions.gpuRequest(trimmed)
        .orElseThrow(
            () ->
                new InputException(
                    "'"
                        + trimmed
                        + "' asks for no GPU; write a request such as gpu, gpu:2, gpu:a100:4,"
                        + " gpu:mig-1g.10gb or gpu:2,spot"));
  }

  /**
   * Renders a request, merged with {@code baseYaml} (named {@code source} in errors) when it is not
   * blank.
   */
  Rendered render(GpuRequest request, String baseYaml, String source) {
    Pod pod = new GpuPodGenerator(settings.pods()).generate(request);
    renameGpuResource(pod, request);
    if (controllerId != null) {
      Map<String, String> labels = new LinkedHashMap<>(pod.getMetadata().getLabels());
      labels.put(CONTROLLER_LABEL, controllerId);
      pod.getMetadata().setLabels(labels);
    }
    List<String> notes = List.of();
    if (baseYaml != null && !baseYaml.isBlank()) {
      PodMerger.Result merged = new PodMerger(settings.pods()).merge(baseYaml, source, pod);
      pod = merged.pod();
      notes = merged.notes();
    }
    return new Rendered(request, PodYaml.write(pod), notes);
  }

  /** Whole GPUs under another device plugin's name (amd.com/gpu); MIG slices keep theirs. */
  private void renameGpuResource(Pod pod, GpuRequest request) {
    if (request.isMig() || resourceName.equals(GpuRequest.GPU_RESOURCE)) {
      return;
    }
    for (Container container : pod.getSpec().getContainers()) {
      if (container.getResources() == null || container.getResources().getLimits() == null) {
        continue;
      }
      Map<String, Quantity> limits = new LinkedHashMap<>();
      container
          .getResources()
          .getLimits()
          .forEach((k, v) -> limits.put(k.equals(GpuRequest.GPU_RESOURCE) ? resourceName : k, v));
      container.getResources().setLimits(limits);
    }
  }
}
