package io.ctsuite.gpu.reaper;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * Jenkins' view of its agents, by agent name (the Kubernetes plugin names an agent after its pod).
 *
 * @param activities what each known agent is doing
 * @param complete whether {@code activities} lists every agent Jenkins has; only then is a pod
 *     missing from it an orphan. Without Jenkins ({@code ct gpu reap} with no agent file) it is
 *     false, and such pods are kept.
 */
public record JenkinsAgents(Map<String, AgentActivity> activities, boolean complete)
    implements Serializable {

  public JenkinsAgents {
    activities = Map.copyOf(activities);
  }

  /** Nothing is known: every running agent pod might run a build. */
  public static JenkinsAgents unknown() {
    return new JenkinsAgents(Map.of(), false);
  }

  public Optional<AgentActivity> of(String podName) {
    return Optional.ofNullable(activities.get(podName));
  }
}
