package io.ctsuite.datasets.snapshot;

import java.util.concurrent.atomic.AtomicLong;

/** Lets one of many threads report progress at most every 200 ms. */
final class ProgressThrottle {
  private static final long INTERVAL_NANOS = 200_000_000L;
  private final AtomicLong last = new AtomicLong(System.nanoTime());

  boolean due() {
    long now = System.nanoTime();
    long before = last.get();
    return now - before >= INTERVAL_NANOS && last.compareAndSet(before, now);
  }
}
