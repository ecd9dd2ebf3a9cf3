package io.ctsuite.gpu.reaper;

import io.ctsuite.gpu.cluster.PodView;
import java.io.Serializable;

/** Whether to delete one agent pod, and why in one sentence. */
public record ReapDecision(PodView pod, Action action, String reason) implements Serializable {

  /** What to do with the pod. */
  public enum Action {
    DELETE,
    KEEP
  }

  public boolean deletes() {
    return action == Action.DELETE;
  }
}
