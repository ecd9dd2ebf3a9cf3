package io.ctsuite.tracking.run;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Typed parameter values: {@link String}, {@link Long}, {@link Double} or {@link Boolean}, with
 * nested maps flattened to dotted keys ({@code {"optimizer":{"lr":0.01}}} becomes {@code
 * optimizer.lr = 0.01}).
 */
public final class ParamValues {
  private ParamValues() {}

  /**
   * The typed value of a parameter given as text (a service message, an MLflow param file): whole
   * numbers become {@link Long}, other numbers {@link Double}, {@code true}/{@code false} {@link
   * Boolean}, anything else stays text.
   */
  public static Object infer(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.isEmpty()) {
      return text;
    }
    if (t.equals("true") || t.equals("True")) {
      return Boolean.TRUE;
    }
    if (t.equals("false") || t.equals("False")) {
      return Boolean.FALSE;
    }
    char first = t.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return text;
    }
    try {
      if (t.length() <= 18 && t.matches("[-+]?\\d+")) {
        return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
      }
      if (t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
        return Double.parseDouble(t);
      }
    } catch (NumberFormatException e) {
      // keep the text: it only looked like a number
    }
    return text;
  }

  /**
   * Normalises a value read from JSON or YAML: integral numbers to {@link Long}, other numbers to
   * {@link Double}, lists to their JSON-like text, everything else to text.
   */
  public static Object normalise(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof java.math.BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      Iterator<?> it = list.iterator();
      while (it.hasNext()) {
        Object item = normalise(it.next());
        text.append(item instanceof String s ? "'" + s + "'" : String.valueOf(item));
        if (it.hasNext()) {
          text.append(", ");
        }
      }
      return text.append(']').toString();
    }
    return String.valueOf(value);
  }

  /** Calls {@code into} for every leaf of a nested map, with dotted keys under {@code prefix}. */
  public static void flatten(String prefix, Object value, BiConsumer<String, Object> into) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        flatten(
            prefix == null || prefix.isEmpty() ? key : prefix + "." + key, entry.getValue(), into);
      }
    } else if (prefix != null && !prefix.isEmpty()) {
      into.accept(prefix, normalise(value));
    }
  }

  /** The text of a value as users see it: numbers without a trailing ".0" when whole. */
  public static String format(Object value) {
    if (value instanceof Double d) {
      return Metrics.format(d);
    }
    return String.valueOf(value);
  }
}
