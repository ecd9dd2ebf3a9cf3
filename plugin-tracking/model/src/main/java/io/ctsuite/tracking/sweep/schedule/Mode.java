package io.ctsuite.tracking.sweep.schedule;

import io.ctsuite.core.InputException;
import java.util.Locale;

/** Whether a larger metric value is better (accuracy) or a smaller one (loss). */
public enum Mode {
  MAX,
  MIN;

  /** Parses {@code max} or {@code min}; {@code field} names the setting in messages. */
  public static Mode parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new InputException(field + ": give max or min");
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(field + ": unknown mode '" + text + "'; use max or min");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
