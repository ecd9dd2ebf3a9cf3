package io.jenkins.plugins.ct.promotion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values crossing between a Pipeline and Java: Groovy hands over GStrings and its own collections,
 * and a Pipeline keeps what a step returns in its program state, so both ways only plain Strings,
 * numbers, booleans, ArrayLists and LinkedHashMaps travel.
 */
final class PipelineValues {
  private PipelineValues() {}

  /** A deep copy with CharSequences as Strings and every collection as a plain Java one. */
  static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      return value;
    }
    if (value instanceof CharSequence || value instanceof Enum) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        copy.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
      }
      return copy;
    }
    if (value instanceof Iterable<?> items) {
      List<Object> copy = new ArrayList<>();
      for (Object item : items) {
        copy.add(plain(item));
      }
      return copy;
    }
    if (value instanceof Object[] items) {
      return plain(List.of(items));
    }
    return value.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> plainMap(Map<?, ?> map) {
    return (Map<String, Object>) plain(map);
  }

  /** Comma-separated file names, trimmed, empty ones dropped. */
  static List<String> files(String text) {
    List<String> files = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          files.add(part.strip());
        }
      }
    }
    return files;
  }
}
