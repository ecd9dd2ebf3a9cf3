package io.jenkins.plugins.ct.datasets;

import io.ctsuite.datasets.snapshot.Cancellation;

/**
 * Turns an interrupt of the thread that runs agent work (a Jenkins abort reaches a remote call as
 * an interrupt) into a {@link Cancellation} that the model's worker threads check between files.
 */
final class AbortWatch implements AutoCloseable {
  private final Cancellation cancellation = new Cancellation();
  private final Thread watcher;

  AbortWatch() {
    Thread worker = Thread.currentThread();
    watcher =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  if (worker.isInterrupted() || !worker.isAlive()) {
                    cancellation.cancel("aborted");
                    return;
                  }
                  Thread.sleep(200);
                }
              } catch (InterruptedException e) {
                // closed
              }
            },
            "ct-datasets abort watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public void close() {
    watcher.interrupt();
  }
}
