package io.ctsuite.datasets.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code work(i)} for every i below n on a few daemon threads that take the next index when
 * free, so that a few large files and many small ones spread evenly. If the calling thread is
 * interrupted (a Jenkins abort), the work is cancelled; the first failure stops the others.
 */
final class ParallelWork {
  private ParallelWork() {}

  static void run(int n, int threads, Cancellation cancellation, String name, IntConsumer work) {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int workers = Math.max(1, Math.min(threads, n));
    List<Thread> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  int i;
                  while (failure.get() == null
                      && !cancellation.isCancelled()
                      && (i = next.getAndIncrement()) < n) {
                    work.accept(i);
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              },
              name + "-" + w);
      thread.setDaemon(true);
      running.add(thread);
      thread.start();
    }
    try {
      for (Thread thread : running) {
        thread.join();
      }
    } catch (InterruptedException e) {
      cancellation.cancel("interrupted");
      for (Thread thread : running) {
        try {
          thread.join();
        } catch (InterruptedException again) {
          break;
        }
      }
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(t.getMessage(), t);
    }
    cancellation.check();
  }
}
