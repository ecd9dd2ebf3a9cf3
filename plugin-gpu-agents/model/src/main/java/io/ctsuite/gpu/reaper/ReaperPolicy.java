package io.ctsuite.gpu.reaper;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ctsuite.gpu.Durations;
import java.io.Serializable;
import java.time.Duration;

/**
 * When the reaper deletes agent pods.
 *
 * @param pendingTimeout how long a pod may wait for a node. GPU node pools scale from zero and
 *     install drivers, which takes far longer than the Kubernetes plugin's default connect timeout;
 *     past this the scale-up is taken as failed
 * @param idleTimeout how long a connected agent may sit without a build
 * @param endedGrace how long after its build ended the Kubernetes plugin gets to remove a pod
 * @param orphanGrace how long a pod may run without Jenkins knowing an agent by its name (it may
 *     still be connecting)
 */
public record ReaperPolicy(
    Duration pendingTimeout, Duration idleTimeout, Duration endedGrace, Duration orphanGrace)
    implements Serializable {

  public ReaperPolicy {
    pendingTimeout = pendingTimeout == null ? Duration.ofMinutes(30) : pendingTimeout;
    idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
    endedGrace = endedGrace == null ? Duration.ofMinutes(2) : endedGrace;
    orphanGrace = orphanGrace == null ? Duration.ofMinutes(15) : orphanGrace;
  }

  public static ReaperPolicy defaults() {
    return new ReaperPolicy(null, null, null, null);
  }

  /** From a settings file, durations written as 30m, 2h, 90s. */
  @JsonCreator
  public static ReaperPolicy fromSettings(
      @JsonProperty("pendingTimeout") String pendingTimeout,
      @JsonProperty("idleTimeout") String idleTimeout,
      @JsonProperty("endedGrace") String endedGrace,
      @JsonProperty("orphanGrace") String orphanGrace) {
    return new ReaperPolicy(
        pendingTimeout == null ? null : Durations.parse(pendingTimeout, "reaper.pendingTimeout"),
        idleTimeout == null ? null : Durations.parse(idleTimeout, "reaper.idleTimeout"),
        endedGrace == null ? null : Durations.parse(endedGrace, "reaper.endedGrace"),
        orphanGrace == null ? null : Durations.parse(orphanGrace, "reaper.orphanGrace"));
  }

  public ReaperPolicy withPendingTimeout(Duration timeout) {
    return new ReaperPolicy(timeout, idleTimeout, endedGrace, orphanGrace);
  }

  public ReaperPolicy withIdleTimeout(Duration timeout) {
    return new ReaperPolicy(pendingTimeout, timeout, endedGrace, orphanGrace);
  }
}
