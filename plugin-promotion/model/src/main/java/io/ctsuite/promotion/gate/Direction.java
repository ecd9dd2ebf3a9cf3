package io.ctsuite.promotion.gate;

import java.util.Locale;

/** Which way a metric is better. */
public enum Direction {
  HIGHER,
  LOWER;

  /** The change seen from this direction: positive means better. */
  public double gain(double difference) {
    return this == HIGHER ? difference : -difference;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
