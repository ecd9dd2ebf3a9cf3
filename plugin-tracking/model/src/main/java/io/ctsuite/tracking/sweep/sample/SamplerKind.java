package io.ctsuite.tracking.sweep.sample;

import io.ctsuite.core.InputException;
import java.util.Locale;

/** How searched parameters are drawn. Grid parameters are always enumerated. */
public enum SamplerKind {
  /** Independent uniform draws. */
  RANDOM,
  /** Sobol quasi-random points: fewer gaps and clumps than random for the same number of trials. */
  SOBOL;

  /** Parses {@code random} or {@code sobol}; {@code field} names the setting in messages. */
  public static SamplerKind parse(String text, String field) {
    if (text == null || text.isBlank()) {
      return RANDOM;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(field + ": unknown sampler '" + text + "'; use random or sobol");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
