package io.ctsuite.promotion.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Plain trees of maps, lists and scalars: what an edit should mean, to check the text against. */
final class ConfigTrees {
  private ConfigTrees() {}

  static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copy(v)));
      return copy;
    }
    return value;
  }

  /** Sets the fields at the path in a copied tree, as the editors do in text. */
  @SuppressWarnings("unchecked")
  static Object apply(Object root, KeyPath path, Map<String, ?> fields) {
    Map<String, Object> top =
        root instanceof Map ? (Map<String, Object>) root : new LinkedHashMap<>();
    Map<String, Object> node = top;
    for (String segment : path.segments()) {
      Object child = node.get(segment);
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        node.put(segment, child);
      }
      node = (Map<String, Object>) child;
    }
    merge(node, fields);
    return top;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> node, Map<String, ?> fields) {
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      Object value = field.getValue();
      if (value == null) {
        node.remove(field.getKey());
      } else if (value instanceof Map<?, ?> map) {
        Object existing = node.get(field.getKey());
        Map<String, Object> target =
            existing instanceof Map ? (Map<String, Object>) existing : new LinkedHashMap<>();
        merge(target, (Map<String, ?>) map);
        node.put(field.getKey(), target);
      } else {
        node.put(field.getKey(), value);
      }
    }
  }

  /** Equal as configuration: maps by key (order aside), numbers by value. */
  static boolean same(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().stream()
              .map(String::valueOf)
              .toList()
              .containsAll(y.keySet().stream().map(String::valueOf).toList())
          || x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        Object other = null;
        for (Map.Entry<?, ?> candidate : y.entrySet()) {
          if (String.valueOf(candidate.getKey()).equals(String.valueOf(entry.getKey()))) {
            other = candidate.getValue();
          }
        }
        if (!same(entry.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return Objects.equals(a, b);
  }
}
