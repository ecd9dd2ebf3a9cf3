package io.ctsuite.tracking.sweep.space;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How parameter values are rounded and written: in environment variables, command-line arguments,
 * tables and case keys. One place, so that what a trial received is exactly what the leaderboard
 * shows.
 */
public final class ParamFormat {
  /** Integer ranges up to this size can be listed (for cases and grids). */
  static final long MAX_ENUMERATED = 10_000;

  /** Sampled reals keep this many significant digits: readable, and far finer than any effect. */
  private static final MathContext SIGNIFICANT = new MathContext(6);

  private ParamFormat() {}

  /** A sampled real rounded to six significant digits. */
  public static double round(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value;
    }
    return new BigDecimal(value).round(SIGNIFICANT).doubleValue();
  }

  /**
   * A value as text: integers without a fraction, reals in plain notation when that is short
   * ({@code 0.0005}) and scientific otherwise ({@code 1.5e-07}), lists joined by commas (step
   * milestones {@code 30,60}).
   */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      return formatReal(((Number) value).doubleValue());
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(ParamFormat::format).collect(Collectors.joining(","));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> e.getKey() + "=" + format(e.getValue()))
          .collect(Collectors.joining(","));
    }
    return value.toString();
  }

  /**
   * The key a value has in a {@code cases} map: YAML keys are text, so {@code 32} and "32" match.
   */
  public static String caseKey(Object value) {
    return format(value);
  }

  static String list(List<Object> values) {
    return values.stream().map(ParamFormat::format).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String formatReal(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e7) {
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
    String scientific = BigDecimal.valueOf(value).stripTrailingZeros().toString();
    return scientific.replace("E", "e").replace("e+", "e");
  }
}
