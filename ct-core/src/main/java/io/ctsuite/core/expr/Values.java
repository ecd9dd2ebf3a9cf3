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
      try {
        return new BigDecimal(s.trim()).doubleValue();
      } catch (NumberFormatException e) {
        return switch (s.trim()) {
          case "NaN" -> Double.NaN;
          case "Infinity", "+Infinity", "inf" -> Double.POSITIVE_INFINITY;
          case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
          default -> null;
        };
      }
    }
    return null;
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
