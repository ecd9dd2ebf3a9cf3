package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.InputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metadata from where a file sits: {@code {source}/{label}/*} gives {@code source=hospital-a,
 * label=bleeding} to {@code hospital-a/bleeding/clip-001.mp4}. A {@code {key}} matches one path
 * segment, {@code *} any text within a segment, {@code **} any number of segments; the pattern must
 * match the whole relative path.
 */
public final class PathPattern implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final String text;
  private final List<String> keys;
  private transient Pattern regex;

  private PathPattern(String text, List<String> keys) {
    this.text = text;
    this.keys = keys;
  }

  /**
   * Compiles a pattern.
   *
   * @throws InputException naming the column of a malformed {@code {key}}
   */
  public static PathPattern compile(String text) {
    List<String> keys = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    build(text, keys, regex);
    if (keys.isEmpty()) {
      throw new InputException(
          "path pattern '" + text + "' names no key; write e.g. {source}/{label}/*");
    }
    return new PathPattern(text, List.copyOf(keys));
  }

  private static void build(String text, List<String> keys, StringBuilder regex) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        int close = text.indexOf('}', i);
        String key = close < 0 ? "" : text.substring(i + 1, close);
        if (close < 0 || !KEY.matcher(key).matches()) {
          throw new InputException(
              "path pattern '"
                  + text
                  + "', column "
                  + (i + 1)
                  + ": expected {key} with a key of letters, digits, '_', '.', '-'");
        }
        if (keys.contains(key)) {
          throw new InputException("path pattern '" + text + "' names {" + key + "} twice");
        }
        keys.add(key);
        regex.append("([^/]+)");
        i = close;
      } else if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < text.length() && text.charAt(i + 2) == '/';
        regex.append(slashAfter ? "(?:.*/)?" : ".*");
        i += slashAfter ? 2 : 1;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
  }

  private Pattern regex() {
    if (regex == null) {
      StringBuilder built = new StringBuilder();
      build(text, new ArrayList<>(), built);
      regex = Pattern.compile(built.toString());
    }
    return regex;
  }

  /** The key/values the pattern captures from {@code path}, or null when it does not match. */
  public Map<String, String> match(String path) {
    Matcher m = regex().matcher(path);
    if (!m.matches()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      values.put(keys.get(k), m.group(k + 1));
    }
    return values;
  }

  @Override
  public String toString() {
    return text;
  }
}
