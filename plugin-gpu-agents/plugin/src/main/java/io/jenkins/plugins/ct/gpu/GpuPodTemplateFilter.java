package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.Label;
import hudson.model.labels.LabelAtom;
import io.ctsuite.core.InputException;
import io.ctsuite.gpu.pod.PodYaml;
import io.ctsuite.gpu.request.GpuRequest;
import io.ctsuite.gpu.request.LabelExpressions;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplateFilter;

/**
 * Gives an administrator's own pod template the GPUs its label asks for: a template labelled {@code
 * gpu:a100:2 vision} provisions pods with its own containers and volumes plus the GPU pod, merged
 * without loss by the model ({@code PodMerger}). Templates without a GPU request, and those this
 * plugin made, pass unchanged.
 */
@Extension
public class GpuPodTemplateFilter extends PodTemplateFilter {
  private static final Logger LOGGER = Logger.getLogger(GpuPodTemplateFilter.class.getName());

  @Override
  protected PodTemplate transform(KubernetesCloud cloud, PodTemplate template, Label label) {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    if (c == null || !c.isKubernetesLabels()) {
      return template;
    }
    if (template.getId() != null && template.getId().startsWith(GpuPodTemplates.ID_PREFIX)) {
      return template;
    }
    Optional<GpuRequest> request = requestOf(template);
    if (request.isEmpty()) {
      return template;
    }
    try {
      return withGpus(template, request.get());
    } catch (InputException e) {
      LOGGER.log(
          Level.WARNING,
          "pod template {0} asks for {1}, which cannot be rendered: {2}",
          new Object[] {template.getName(), request.get().text(), e.getMessage()});
      return template;
    }
  }

  /** The GPU request among a template's labels, if any. */
  static Optional<GpuRequest> requestOf(PodTemplate template) {
    StringBuilder atoms = new StringBuilder();
    for (LabelAtom atom : template.getLabelSet()) {
      atoms.append(LabelAtom.escape(atom.getName())).append(' ');
    }
    try {
      return LabelExpressions.gpuRequest(atoms.toString());
    } catch (InputException e) {
      return Optional.empty();
    }
  }

  /** A copy of the template whose YAML is its own pod merged with the GPU pod. */
  static PodTemplate withGpus(PodTemplate template, GpuRequest request) {
    String base;
    try {
      base =
          template.getYamls().isEmpty()
              ? null
              : KubernetesLoader.call(() -> PodYaml.write(template.getYamlsPod()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    GpuPods.Rendered rendered =
        GpuAgents.pods().render(request, base, "pod template " + template.getName());
    PodTemplate copy = new PodTemplate(template);
    copy.setYamls(List.of(rendered.yaml()));
    for (String note : rendered.notes()) {
      LOGGER.fine(() -> "pod template " + template.getName() + ": " + note);
    }
    return copy;
  }
}
