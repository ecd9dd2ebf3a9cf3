package io.ctsuite.promotion.gitlab;

import java.time.Duration;

/**
 * How often and how long to retry when GitLab is busy (429) or failing (5xx): exponential backoff
 * from {@code initialDelay}, capped at {@code maxDelay}, at most {@code maxAttempts} tries in all.
 * A Retry-After header wins over the backoff, up to {@code maxRetryAfter}.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The wait before try number {@code attempt + 1}, {@code attempt} counting from 1. */
  Duration backoff(int attempt) {
    long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
