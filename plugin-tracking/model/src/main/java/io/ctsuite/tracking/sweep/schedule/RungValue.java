package io.ctsuite.tracking.sweep.schedule;

import io.ctsuite.core.InputException;
import java.util.Locale;

/**
 * Which value of a trial a rung compares: the last report ({@code last}, as in the ASHA paper and
 * Ray Tune), the best so far ({@code best}, as Optuna's median pruner and Vizier's median rule do,
 * which forgives a dip), or the mean of the last {@code window} reports ({@code mean}, which damps
 * evaluation noise on a small validation set at the price of lagging behind a rising curve).
 *
 * @param kind {@code last}, {@code best} or {@code mean}
 * @param window how many of the latest reports {@code mean} averages (at least 1)
 */
public record RungValue(String kind, int window) {
  public static final String LAST = "last";
  public static final String BEST = "best";
  public static final String MEAN = "mean";

  /** The window of {@code mean} when none is given. */
  public static final int DEFAULT_WINDOW = 3;

  public RungValue {
    kind = kind == null || kind.isBlank() ? LAST : kind.trim().toLowerCase(Locale.ROOT);
    if (!kind.equals(LAST) && !kind.equals(BEST) && !kind.equals(MEAN)) {
      throw new InputException("rung_value: unknown value '" + kind + "'; use last, best or mean");
    }
    if (window < 1) {
      throw new InputException("rung_window: must be at least 1, got " + window);
    }
  }

  /** The last report, as plain ASHA. */
  public static RungValue last() {
    return new RungValue(LAST, DEFAULT_WINDOW);
  }

  /** Whether a trial's reports between rungs matter (otherwise only the one at the rung does). */
  boolean needsHistory() {
    return !kind.equals(LAST);
  }

  /** Words for an explanation, after the value: "" or " (best so far)". */
  String words() {
    return switch (kind) {
      case BEST -> " (best so far)";
      case MEAN -> " (mean of the last " + window + " reports)";
      default -> "";
    };
  }

  /** One phrase for the scheduler's description. */
  String describe() {
    return switch (kind) {
      case BEST -> "each trial's best value so far";
      case MEAN -> "the mean of each trial's last " + window + " reports";
      default -> "each trial's last value";
    };
  }
}
