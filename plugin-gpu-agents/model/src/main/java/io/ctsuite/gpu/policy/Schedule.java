package io.ctsuite.gpu.policy;

import java.io.Serializable;
import java.util.List;

/**
 * The answer of one scheduling round.
 *
 * @param start the requests that may start now, in the order to start them
 * @param waiting the others, next in line first, each with one sentence why
 */
public record Schedule(List<Decision> start, List<Decision> waiting) implements Serializable {

  public Schedule {
    start = List.copyOf(start);
    waiting = List.copyOf(waiting);
  }

  /**
   * One request's outcome.
   *
   * @param never true when waiting cannot help (more GPUs than its quota allows)
   */
  public record Decision(QueuedRequest request, String reason, boolean never)
      implements Serializable {}
}
