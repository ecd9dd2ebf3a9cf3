package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.labels.LabelAtom;
import io.ctsuite.core.InputException;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.request.GpuRequest;
import io.ctsuite.gpu.request.LabelExpressions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesSlave;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplateSource;

/**
 * Makes plain labels such as {@code agent { label 'gpu:a100:2' }} provision a matching GPU pod,
 * without a pod template per request: for each Kubernetes cloud it contributes a template for every
 * GPU request that a queued build asks for, or that a running GPU agent of that cloud was made from
 * (so the agent finds its template again, also after a restart).
 *
 * <p>Labels that a static (non-Kubernetes) node carries are left to those machines, and a cloud
 * template of the administrator whose label matches comes first, since the Kubernetes plugin takes
 * the first matching template.
 */
@Extension
public class GpuPodTemplateSource extends PodTemplateSource {
  private static final Logger LOGGER = Logger.getLogger(GpuPodTemplateSource.class.getName());
  private static final int CACHE_SIZE = 512;

  /** Made templates by cloud, label and settings: the provisioner asks many times a second. */
  private final Map<String, PodTemplate> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PodTemplate> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  @Override
  protected List<PodTemplate> getList(KubernetesCloud cloud) {
    CtGpuConfiguration c = CtGpuConfiguration.get();
    if (c == null || !c.isKubernetesLabels()) {
      return List.of();
    }
    GpuSettings settings;
    try {
      settings = c.settings();
    } catch (InputException e) {
      LOGGER.log(Level.WARNING, "GPU agents are misconfigured: {0}", e.getMessage());
      return List.of();
    }
    List<PodTemplate> templates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Wanted wanted : wanted(cloud)) {
      String labelString = GpuPodTemplates.labelString(wanted.atoms());
      if (!seen.add(labelString)) {
        continue;
      }
      Optional<GpuRequest> request = requestOf(wanted.expression());
      if (request.isEmpty()) {
        continue;
      }
      String key = cloud.name + "\n" + labelString + "\n" + System.identityHashCode(settings);
      try {
        templates.add(
            cache.computeIfAbsent(
                key, k -> GpuPodTemplates.of(cloud.name, wanted.atoms(), request.get())));
      } catch (InputException e) {
        // e.g. a GPU type nobody configured: the queue item says so (GpuQueueDispatcher)
        LOGGER.log(
            Level.FINE, "no GPU pod for {0}: {1}", new Object[] {labelString, e.getMessage()});
      }
    }
    return templates;
  }

  /** A label that asks for a template: its atoms and its expression. */
  private record Wanted(Set<LabelAtom> atoms, String expression) {}

  /**
   * Labels of queued items (unless a static machine carries them), and the labels of this cloud's
   * GPU agents, which are their templates' labels.
   */
  private static List<Wanted> wanted(KubernetesCloud cloud) {
    List<Wanted> wanted = new ArrayList<>();
    for (Queue.Item item : Queue.getInstance().getItems()) {
      Label label = item.getAssignedLabel();
      if (label != null && !servedByStaticNodes(label)) {
        wanted.add(new Wanted(label.listAtoms(), label.getExpression()));
      }
    }
    for (Node node : Jenkins.get().getNodes()) {
      if (node instanceof KubernetesSlave agent
          && cloud.name.equals(agent.getCloudName())
          && agent.getTemplateId() != null
          && agent.getTemplateId().startsWith(GpuPodTemplates.ID_PREFIX)) {
        wanted.add(new Wanted(Label.parse(agent.getLabelString()), agent.getLabelString()));
      }
    }
    return wanted;
  }

  static Optional<GpuRequest> requestOf(String expression) {
    try {
      return LabelExpressions.gpuRequest(expression);
    } catch (InputException e) {
      return Optional.empty();
    }
  }

  /** Whether a machine that is not a Kubernetes agent has this label: it serves it then. */
  private static boolean servedByStaticNodes(Label label) {
    for (Node node : label.getNodes()) {
      if (!(node instanceof KubernetesSlave)) {
        return true;
      }
    }
    return false;
  }
}
