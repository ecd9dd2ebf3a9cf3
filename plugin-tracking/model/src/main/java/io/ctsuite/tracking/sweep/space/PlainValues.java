package io.ctsuite.tracking.sweep.space;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values as plain Java objects with one representation per kind: integers are {@code
 * Long}, reals {@code Double}, lists and maps keep their order. A value read back from a stored
 * sweep therefore equals the one that was sampled.
 */
public final class PlainValues {
  private PlainValues() {}

  /** The plain value of a parsed node. */
  public static Object plain(JsonNode node) {
    return normalize(Json.mapper().convertValue(node, Object.class));
  }

  /** The same value with integers as Long and reals as Double, recursively. */
  public static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
    }
    if (value instanceof Float || value instanceof java.math.BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Collection<?> items) {
      List<Object> list = new ArrayList<>();
      items.forEach(item -> list.add(normalize(item)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
      return copy;
    }
    return value;
  }

  /** Every value of a parameter map normalised, keeping the order. */
  public static Map<String, Object> normalizeAll(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, normalize(v)));
    return copy;
  }
}
