package io.ctsuite.gpu.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Which pods are Jenkins agents: those carrying any of the given labels. A selector is "key" (the
 * label exists) or "key=value". The default matches what the Kubernetes plugin puts on its pods.
 */
public record AgentPods(List<String> selectors) implements Serializable {
  public AgentPods {
    selectors =
        selectors == null || selectors.isEmpty()
            ? List.of("jenkins=slave", "jenkins/label", "kubernetes.jenkins.io/controller")
            : List.copyOf(selectors);
  }

  public static AgentPods kubernetesPlugin() {
    return new AgentPods(null);
  }

  public boolean test(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return false;
    }
    for (String selector : selectors) {
      int equals = selector.indexOf('=');
      if (equals < 0
          ? labels.containsKey(selector)
          : selector.substring(equals + 1).equals(labels.get(selector.substring(0, equals)))) {
        return true;
      }
    }
    return false;
  }
}
