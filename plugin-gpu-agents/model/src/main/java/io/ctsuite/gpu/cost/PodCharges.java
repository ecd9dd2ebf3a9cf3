package io.ctsuite.gpu.cost;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the lifetime of a GPU agent pod, from its creation to its deletion, is charged to the builds
 * it served: the first build pays from the pod's creation (scale-up and image pull are GPU time
 * too), each later one from the end of the previous charge, and the last one also pays the idle
 * time until the pod is deleted. Every moment of the pod's life is charged once.
 */
public final class PodCharges {
  private final Instant created;
  private Instant chargedUntil;

  /**
   * @param created when the pod (or, when its creation time is unknown, its agent) was created;
   *     null when neither is known: the first build then pays from its own start
   */
  public PodCharges(Instant created) {
    this.created = created;
  }

  /** One build's share of the pod's lifetime. */
  public record Charge(Instant from, Instant to) {
    public Duration duration() {
      return Duration.between(from, to);
    }
  }

  /** The charge of a build whose work on the pod ran from {@code workStart} to {@code workEnd}. */
  public synchronized Charge charge(Instant workStart, Instant workEnd) {
    Objects.requireNonNull(workStart, "workStart");
    Objects.requireNonNull(workEnd, "workEnd");
    Instant from;
    if (chargedUntil != null) {
      from = chargedUntil;
    } else if (created != null && created.isBefore(workStart)) {
      from = created;
    } else {
      from = workStart;
    }
    Instant to = workEnd.isBefore(from) ? from : workEnd;
    chargedUntil = to;
    return new Charge(from, to);
  }

  /**
   * The pod was deleted at {@code deletedAt}: the new end of the last build's charge, or empty when
   * no build was charged or nothing is left to charge.
   */
  public synchronized Optional<Instant> deleted(Instant deletedAt) {
    if (chargedUntil == null || !deletedAt.isAfter(chargedUntil)) {
      return Optional.empty();
    }
    chargedUntil = deletedAt;
    return Optional.of(deletedAt);
  }

  /** When the pod was created, if known. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }
}
