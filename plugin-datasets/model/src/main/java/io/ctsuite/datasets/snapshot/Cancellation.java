package io.ctsuite.datasets.snapshot;

import java.util.concurrent.CancellationException;

/**
 * Lets a caller stop long work (a snapshot, a materialization) from another thread: a Jenkins
 * abort, Ctrl-C. The work checks it between files and gives up without recording anything.
 */
public final class Cancellation {
  private volatile String reason;

  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel(String why) {
    reason = why == null ? "cancelled" : why;
  }

  public boolean isCancelled() {
    return reason != null;
  }

  /**
   * @throws CancellationException when cancelled
   */
  public void check() {
    String why = reason;
    if (why != null) {
      throw new CancellationException(why);
    }
  }
}
