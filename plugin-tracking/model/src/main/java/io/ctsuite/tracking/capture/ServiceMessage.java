package io.ctsuite.tracking.capture;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code ##ct[...]} service message, the way any program (in any language) reports metrics by
 * printing a line: {@code ##ct[metric key='val/mAP' value='0.412' step='3']}, {@code ##ct[param
 * key='lr' value='0.01']}, {@code ##ct[tag 'nightly']}, {@code ##ct[artifact path='model.pt'
 * role='model']}.
 *
 * <p>The syntax is TeamCity's: a name, then either one quoted value or {@code key='value'}
 * attributes. Inside quotes {@code |} escapes: {@code |'} quote, {@code |n} line feed, {@code |r}
 * carriage return, {@code |[} and {@code |]} brackets, {@code ||} the bar itself, {@code |0x263A} a
 * UTF-16 code unit in hex.
 *
 * @param name the message name, e.g. {@code metric}
 * @param value the single value of the {@code ##ct[name 'value']} form, otherwise {@code null}
 * @param attributes the {@code key='value'} attributes in the order written (unmodifiable)
 */
public record ServiceMessage(String name, String value, Map<String, String> attributes)
    implements Serializable {
  /** What every service message line contains. */
  public static final String PREFIX = "##ct[";

  public ServiceMessage {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The attribute, or {@code null} when absent. */
  public String attribute(String key) {
    return attributes.get(key);
  }

  /**
   * Parses one message, e.g. {@code ##ct[metric key='loss' value='0.3']}; text around it is
   * ignored.
   *
   * @throws IllegalArgumentException naming the column (1-based) and what was expected
   */
  public static ServiceMessage parse(CharSequence text) {
    int start = indexOfPrefix(text, 0);
    if (start < 0) {
      throw new IllegalArgumentException("no " + PREFIX + "...] message");
    }
    try {
      return ServiceMessageSyntax.parse(text, start).message();
    } catch (ServiceMessageSyntax.Malformed e) {
      throw new IllegalArgumentException("column " + (e.column() + 1) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code text} stops right after a complete message: its messages, read from the first
   * prefix on, parse and the last one closes at the very end. Output that stops there may stop for
   * good (a last {@code printf} without a line feed), so a reader of a live stream can take the
   * line without waiting for its end.
   */
  public static boolean endsWithCompleteMessage(CharSequence text) {
    int start = indexOfPrefix(text, 0);
    while (start >= 0) {
      int end;
      try {
        end = ServiceMessageSyntax.parse(text, start).end();
      } catch (ServiceMessageSyntax.Malformed e) {
        return false;
      }
      if (end == text.length()) {
        return true;
      }
      start = indexOfPrefix(text, end);
    }
    return false;
  }

  /** A metric message, e.g. for a wrapper script or a test that prints metrics. */
  public static ServiceMessage metric(String key, double value, long step) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("key", key);
    attributes.put("value", formatValue(value));
    attributes.put("step", Long.toString(step));
    return new ServiceMessage("metric", null, attributes);
  }

  /** A message with attributes, e.g. {@code of("param", "key", "lr", "value", "0.01")}. */
  public static ServiceMessage of(String name, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      attributes.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new ServiceMessage(name, null, attributes);
  }

  /** The line that prints this message, with every value escaped. */
  public String format() {
    StringBuilder text = new StringBuilder(PREFIX).append(name);
    if (value != null) {
      text.append(" '").append(escape(value)).append('\'');
    }
    attributes.forEach(
        (k, v) -> text.append(' ').append(k).append("='").append(escape(v)).append('\''));
    return text.append(']').toString();
  }

  @Override
  public String toString() {
    return format();
  }

  /** Escapes a value for use between quotes. */
  public static String escape(String raw) {
    StringBuilder text = new StringBuilder(raw.length() + 8);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '\'' -> text.append("|'");
        case '\n' -> text.append("|n");
        case '\r' -> text.append("|r");
        case '[' -> text.append("|[");
        case ']' -> text.append("|]");
        case '|' -> text.append("||");
        default -> {
          if (c < 0x20 || c == 0x85 || c == 0x2028 || c == 0x2029) {
            text.append(String.format("|0x%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.toString();
  }

  /**
   * Removes the escapes of a quoted value.
   *
   * @throws IllegalArgumentException for an unknown escape such as {@code |x}
   */
  public static String unescape(CharSequence escaped) {
    try {
      return ServiceMessageSyntax.unescape(escaped, 0, escaped.length());
    } catch (ServiceMessageSyntax.Malformed e) {
      throw new IllegalArgumentException("column " + (e.column() + 1) + ": " + e.getMessage(), e);
    }
  }

  static String formatValue(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  static int indexOfPrefix(CharSequence text, int from) {
    if (text instanceof String s) {
      return s.indexOf(PREFIX, from);
    }
    return text.toString().indexOf(PREFIX, from);
  }
}
