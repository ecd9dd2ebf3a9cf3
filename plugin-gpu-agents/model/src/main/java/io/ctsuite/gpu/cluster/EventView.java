package io.ctsuite.gpu.cluster;

import io.fabric8.kubernetes.api.model.Event;
import java.io.Serializable;
import java.time.Instant;

/** An event about a pod: the scheduler's and autoscaler's reasons for a pod that waits. */
public record EventView(
    String namespace,
    String podName,
    String type,
    String reason,
    String message,
    Instant time,
    int count)
    implements Serializable {

  /** The view of a core/v1 event, or null when it is not about a pod. */
  public static EventView of(Event event) {
    var involved = event.getInvolvedObject();
    if (involved == null || !"Pod".equals(involved.getKind())) {
      return null;
    }
    Instant time = Timestamps.parse(event.getLastTimestamp());
    if (time == null && event.getEventTime() != null) {
      time = Timestamps.parse(event.getEventTime().getTime());
    }
    if (time == null) {
      time = Timestamps.parse(event.getFirstTimestamp());
    }
    if (time == null && event.getMetadata() != null) {
      time = Timestamps.parse(event.getMetadata().getCreationTimestamp());
    }
    return new EventView(
        involved.getNamespace(),
        involved.getName(),
        event.getType(),
        event.getReason(),
        event.getMessage() == null ? null : event.getMessage().strip(),
        time,
        event.getCount() == null ? 1 : event.getCount());
  }

  public String podKey() {
    return namespace + "/" + podName;
  }

  /** "FailedScheduling: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu." */
  public String describe() {
    return (reason == null ? "" : reason + ": ") + (message == null ? "" : message);
  }

  /** Whether it explains scheduling or scale-up, the events that tell why a GPU pod waits. */
  public boolean aboutScheduling() {
    return reason != null
        && (reason.equals("FailedScheduling")
            || reason.equals("NotTriggerScaleUp")
            || reason.equals("TriggeredScaleUp")
            || reason.equals("FailedScaleUp")
            || reason.equals("Preempted")
            || reason.equals("Scheduled"));
  }
}
