package io.jenkins.plugins.ct.gpu;

import hudson.model.Label;
import hudson.model.Node;
import hudson.model.labels.LabelAtom;
import io.ctsuite.gpu.request.GpuRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.csanchez.jenkins.plugins.kubernetes.pod.retention.Always;
import org.csanchez.jenkins.plugins.kubernetes.pod.retention.Default;
import org.csanchez.jenkins.plugins.kubernetes.pod.retention.Never;
import org.csanchez.jenkins.plugins.kubernetes.pod.retention.OnFailure;
import org.csanchez.jenkins.plugins.kubernetes.pod.retention.PodRetention;

/** Pod templates made from GPU requests: names, ids, labels, retention and connect timeout. */
final class GpuPodTemplates {
  /** Ids of the templates this plugin makes start with it; filters leave them alone. */
  static final String ID_PREFIX = "ct-gpu-";

  private GpuPodTemplates() {}

  /**
   * The template for a label holding a GPU request, for one cloud: the label's atoms (so that the
   * label matches it), the GPU pod as YAML, exclusive use, the configured retention and timeout.
   */
  static PodTemplate of(String cloudName, Set<LabelAtom> atoms, GpuRequest request) {
    CtGpuConfiguration c = GpuAgents.configuration();
    String labelString = labelString(atoms);
    PodTemplate template = new PodTemplate(id(cloudName, labelString));
    template.setName(name(request));
    template.setLabel(labelString);
    template.setYaml(GpuAgents.pods().render(request, null, "GPU pod").yaml());
    template.setNodeUsageMode(Node.Mode.EXCLUSIVE);
    template.setSlaveConnectTimeout(c.getConnectTimeoutSeconds());
    template.setPodRetention(retention(c.getPodRetention()));
    template.setIdleMinutes(0);
    return template;
  }

  /** Atoms in a stable order, quoted where Jenkins' label syntax needs it. */
  static String labelString(Set<LabelAtom> atoms) {
    TreeSet<String> names = new TreeSet<>();
    for (LabelAtom atom : atoms) {
      names.add(LabelAtom.escape(atom.getName()));
    }
    return String.join(" ", names);
  }

  /** The atoms of a label expression ({@code linux && gpu:a100:2} → linux, gpu:a100:2). */
  static Set<LabelAtom> atoms(Label label) {
    return label.listAtoms();
  }

  /** Same cloud and label, same id: a running agent finds its template again after a restart. */
  static String id(String cloudName, String labelString) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((cloudName + "\n" + labelString).getBytes(StandardCharsets.UTF_8));
      return ID_PREFIX + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A pod name prefix from the request: gpu:a100:2,spot → gpu-a100-2-spot. */
  static String name(GpuRequest request) {
    String name =
        request
            .text()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return name.length() > 40 ? name.substring(0, 40).replaceAll("-+$", "") : name;
  }

  static PodRetention retention(String name) {
    switch (name == null ? "never" : name) {
      case "always":
        return new Always();
      case "on-failure":
        return new OnFailure();
      case "default":
        return new Default();
      default:
        return new Never();
    }
  }
}
