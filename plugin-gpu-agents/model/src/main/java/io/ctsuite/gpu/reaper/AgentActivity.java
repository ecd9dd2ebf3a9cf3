package io.ctsuite.gpu.reaper;

import java.io.Serializable;
import java.time.Instant;

/**
 * What Jenkins knows of the agent that runs in a pod: the reaper's only source for "is a build
 * running there". The Jenkins glue fills it from the computers and executors; {@code ct gpu reap}
 * reads it from a file or options.
 *
 * @param state what the agent is doing
 * @param since when that began (idle since, build ended at); null when unknown
 * @param build the build (e.g. "ml/retrain #42"), when there is one
 * @param result the result of an ended build (SUCCESS, FAILURE, ABORTED, …), or null
 */
public record AgentActivity(State state, Instant since, String build, String result)
    implements Serializable {

  /** What an agent is doing. */
  public enum State {
    /** A build runs on it: never delete. */
    BUSY,
    /** Connected and without a build. */
    IDLE,
    /** Its build ended; the Kubernetes plugin should have removed it. */
    BUILD_ENDED
  }

  public AgentActivity {
    if (state == null) {
      throw new IllegalArgumentException("an agent activity needs a state");
    }
  }

  public static AgentActivity busy(String build) {
    return new AgentActivity(State.BUSY, null, build, null);
  }

  public static AgentActivity idle(Instant since) {
    return new AgentActivity(State.IDLE, since, null, null);
  }

  public static AgentActivity ended(String build, String result, Instant at) {
    return new AgentActivity(State.BUILD_ENDED, at, build, result);
  }
}
