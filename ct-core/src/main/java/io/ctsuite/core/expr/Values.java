package io.ctsuite.core.expr;

import java.math.BigDecimal;
import java.util.Objects;

/** Comparison rules shared by every operator: numbers numerically, everything else as text. */
final class Values {
  private Values() {}

  static boolean truthy(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return value != null;
  }

  /** A number for numbers and numeric text, otherwise {@code null}. */
  static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s && !s.isBlank()) {
      String text = s.trim();
      // Leaderboards compare text tags against every run: skip the exception path for plain words.
      if (looksNumeric(text.charAt(0))) {
        try {
          return new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
          // falls through to the named non-finite values
        }
      }
      return switch (text) {
        case "NaN" -> Double.NaN;
        case "Infinity", "+Infinity", "inf" -> Double.POSITIVE_INFINITY;
        case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
        default -> null;
      };
    }
    return null;
  }

  private static boolean looksNumeric(char first) {
    return (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
  }

  static boolean same(Object left, Object right) {
    if (left == null || right == null) {
      return left == right;
    }
    Double a = number(left);
    Double b = number(right);
    if (a != null && b != null) {
      return a.doubleValue() == b.doubleValue();
    }
    if (left instanceof Boolean || right instanceof Boolean) {
      return String.valueOf(left).equalsIgnoreCase(String.valueOf(right));
    }
    return Objects.equals(String.valueOf(left), String.valueOf(right));
  }

  /**
   * Orders two values, or returns {@code null} when they cannot be ordered (a missing value, NaN,
   * or a number against text): such comparisons are false, as in SQL.
   */
  static Integer order(Object left, Object right) {
    if (left == null || right == null) {
      return null;
    }
    Double a = number(left);
    Double b = number(right);
    if (a != null && b != null) {
      if (a.isNaN() || b.isNaN()) {
        return null;
      }
      return Double.compare(a, b);
    }
    if (a != null || b != null) {
      return null;
    }
    return String.valueOf(left).compareTo(String.valueOf(right));
  }
}
