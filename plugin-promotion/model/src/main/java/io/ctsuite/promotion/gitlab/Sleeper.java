package io.ctsuite.promotion.gitlab;

import java.time.Duration;

/** Waits between retries; tests pass one that only records the waits. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL =
      duration -> {
        try {
          Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GitLabException(
              GitLabException.Kind.UNAVAILABLE, 0, "interrupted while waiting to retry");
        }
      };

  void sleep(Duration duration);
}
