package io.ctsuite.tracking.run;

/** Reading and writing metric values as text, keeping NaN and ±Infinity. */
public final class Metrics {
  private Metrics() {}

  /**
   * Parses a metric value: a decimal number, or {@code NaN}, {@code Infinity}, {@code inf}, {@code
   * -inf} (any case) as Python and other tools print them.
   *
   * @throws NumberFormatException when the text is no number
   */
  public static double parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw new NumberFormatException("empty value");
    }
    char last = t.charAt(t.length() - 1);
    if (Character.isDigit(last) || last == '.') {
      char first = t.charAt(0);
      if (Character.isDigit(first) || first == '-' || first == '+' || first == '.') {
        if (t.indexOf('x') < 0 && t.indexOf('X') < 0) {
          return Double.parseDouble(t);
        }
      }
      throw new NumberFormatException("not a number: '" + text + "'");
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    return switch (lower) {
      case "nan", "+nan", "-nan" -> Double.NaN;
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> throw new NumberFormatException("not a number: '" + text + "'");
    };
  }

  /** A value as text: whole numbers without ".0", NaN and ±Infinity by name. */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * A wall time in epoch milliseconds from a number that may be seconds (Python's {@code
   * time.time()}), milliseconds or microseconds: told apart by magnitude, since seconds since 1970
   * stay below 1e11 until the year 5138.
   */
  public static long wallTimeMillis(double number) {
    double abs = Math.abs(number);
    if (abs < 1e11) {
      return Math.round(number * 1000.0);
    }
    if (abs < 1e14) {
      return Math.round(number);
    }
    return Math.round(number / 1000.0);
  }
}
