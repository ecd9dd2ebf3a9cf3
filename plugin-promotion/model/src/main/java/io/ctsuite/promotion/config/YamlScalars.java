package io.ctsuite.promotion.config;

import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes YAML scalars so that they read back as exactly the value given: a version "1.10" stays a
 * string (quoted), never the number 1.1. The quoting style of the value being replaced is kept
 * where it can hold the new value.
 */
final class YamlScalars {
  private static final Resolver RESOLVER = new Resolver();
  // characters that may appear in a plain scalar in any context, conservatively
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_./+=@~$^()-][A-Za-z0-9_./+=@~$^() :-]*");
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*");

  private YamlScalars() {}

  static String render(Object value, DumperOptions.ScalarStyle previous, boolean flow) {
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String text = String.valueOf(value);
    boolean plainSafe = isPlainSafe(text);
    if (previous == DumperOptions.ScalarStyle.SINGLE_QUOTED && !text.contains("\n")) {
      return "'" + text.replace("'", "''") + "'";
    }
    if (previous == DumperOptions.ScalarStyle.DOUBLE_QUOTED || !plainSafe) {
      return doubleQuoted(text);
    }
    return text;
  }

  static String renderKey(String key) {
    return PLAIN_KEY.matcher(key).matches() && resolvesToString(key) ? key : doubleQuoted(key);
  }

  /** A map as one flow mapping: {a: 1, b: {c: x}}. */
  static String renderFlow(Map<String, Object> map) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      out.append(out.length() == 1 ? "" : ", ").append(renderKey(entry.getKey())).append(": ");
      if (entry.getValue() instanceof Map<?, ?> inner) {
        out.append(renderFlow(YamlConfigEditor.cast(inner)));
      } else {
        out.append(render(entry.getValue(), null, true));
      }
    }
    return out.append('}').toString();
  }

  static boolean isPlainSafe(String text) {
    return !text.isEmpty()
        && PLAIN.matcher(text).matches()
        && !text.endsWith(" ")
        && !text.endsWith(":")
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.startsWith("- ")
        && resolvesToString(text);
  }

  private static boolean resolvesToString(String text) {
    return RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR);
  }

  static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\x%02X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
