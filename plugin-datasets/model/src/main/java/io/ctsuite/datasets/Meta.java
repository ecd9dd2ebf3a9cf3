package io.ctsuite.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The metadata of an entry: where it comes from ({@code source}), its labels, how many annotations
 * it has, and any other key/values. Immutable; many entries share one instance, since a manifest
 * keeps a table of distinct metadata and one index per entry.
 */
public final class Meta implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No metadata at all. */
  public static final Meta EMPTY = new Meta(null, List.of(), -1, new TreeMap<>());

  /** Keys with a field of their own; everything else is an extra key. */
  public static final List<String> KNOWN_KEYS = List.of("source", "label", "labels", "annotations");

  private final String source;
  private final List<String> labels;
  private final int annotations;
  private final SortedMap<String, String> extra;
  private transient String canonical;
  private transient int hash;

  private Meta(
      String source, List<String> labels, int annotations, SortedMap<String, String> extra) {
    this.source = source;
    this.labels = labels;
    this.annotations = annotations;
    this.extra = extra;
  }

  /**
   * Metadata from key/values as they come from a sidecar file or a path pattern: {@code source},
   * {@code label} or {@code labels} (several separated by ';' or ','), {@code annotations} (a whole
   * number), anything else as an extra key. Blank values are ignored.
   *
   * @throws InputException when {@code annotations} is not a whole number ≥ 0
   */
  public static Meta of(Map<String, String> values) {
    String source = null;
    TreeSet<String> labels = new TreeSet<>();
    int annotations = -1;
    TreeMap<String, String> extra = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey().trim();
      String value = e.getValue() == null ? "" : e.getValue().trim();
      if (key.isEmpty() || value.isEmpty()) {
        continue;
      }
      switch (key) {
        case "source" -> source = value;
        case "label", "labels" -> labels.addAll(split(value));
        case "annotations" -> annotations = parseCount(value);
        default -> extra.put(key, value);
      }
    }
    return of(source, labels, annotations, extra);
  }

  public static Meta of(
      String source, Collection<String> labels, int annotations, Map<String, String> extra) {
    TreeSet<String> sorted = new TreeSet<>();
    for (String label : labels) {
      if (label != null && !label.isBlank()) {
        sorted.add(label.trim());
      }
    }
    String cleanSource = source == null || source.isBlank() ? null : source.trim();
    TreeMap<String, String> cleanExtra = new TreeMap<>();
    extra.forEach(
        (k, v) -> {
          if (KNOWN_KEYS.contains(k)) {
            throw new IllegalArgumentException("'" + k + "' is not an extra key");
          }
          if (v != null && !v.isBlank()) {
            cleanExtra.put(k, v);
          }
        });
    if (cleanSource == null && sorted.isEmpty() && annotations < 0 && cleanExtra.isEmpty()) {
      return EMPTY;
    }
    return new Meta(
        cleanSource,
        List.copyOf(sorted),
        Math.max(annotations, -1),
        Collections.unmodifiableSortedMap(cleanExtra));
  }

  private static List<String> split(String value) {
    List<String> parts = new ArrayList<>();
    for (String part : value.split("[;,]")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return parts;
  }

  private static int parseCount(String value) {
    try {
      int count = Integer.parseInt(value);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException("'annotations' must be a whole number ≥ 0, got '" + value + "'");
  }

  /** The source, or {@code null}. */
  public String source() {
    return source;
  }

  /** The labels, sorted, without duplicates; empty when unlabelled. */
  public List<String> labels() {
    return labels;
  }

  /** The number of annotations, or -1 when unknown. */
  public int annotations() {
    return annotations;
  }

  /** Keys other than source, labels and annotations, sorted. */
  public SortedMap<String, String> extra() {
    return extra;
  }

  public boolean isEmpty() {
    return this == EMPTY || equals(EMPTY);
  }

  /**
   * The value of a key as the filter language sees it: {@code source}, {@code labels} (joined with
   * ','), {@code label} (the first label), {@code annotations}, or an extra key; {@code null} when
   * absent.
   */
  public Object get(String key) {
    return switch (key) {
      case "source" -> source;
      case "label" -> labels.isEmpty() ? null : labels.get(0);
      case "labels" -> labels.isEmpty() ? null : String.join(",", labels);
      case "annotations" -> annotations < 0 ? null : (Object) annotations;
      default -> extra.get(key);
    };
  }

  /** The same metadata with other labels. */
  public Meta withLabels(Collection<String> newLabels) {
    return of(source, newLabels, annotations, extra);
  }

  /** The same metadata with {@code other}'s values where it has them. */
  public Meta overriddenBy(Meta other) {
    if (other.isEmpty()) {
      return this;
    }
    TreeMap<String, String> merged = new TreeMap<>(extra);
    merged.putAll(other.extra);
    return of(
        other.source != null ? other.source : source,
        other.labels.isEmpty() ? labels : other.labels,
        other.annotations >= 0 ? other.annotations : annotations,
        merged);
  }

  /**
   * A canonical one-line JSON form, part of a version's id: fixed key order, sorted labels and
   * extra keys, nothing for absent values.
   */
  public String canonical() {
    String text = canonical;
    if (text == null) {
      // written by hand: an id must not depend on how a shared JSON mapper is configured
      StringBuilder json = new StringBuilder("{");
      if (source != null) {
        json.append("\"source\":");
        quote(json, source);
      }
      if (!labels.isEmpty()) {
        json.append(json.length() > 1 ? "," : "").append("\"labels\":[");
        for (int k = 0; k < labels.size(); k++) {
          if (k > 0) {
            json.append(',');
          }
          quote(json, labels.get(k));
        }
        json.append(']');
      }
      if (annotations >= 0) {
        json.append(json.length() > 1 ? "," : "").append("\"annotations\":").append(annotations);
      }
      if (!extra.isEmpty()) {
        json.append(json.length() > 1 ? "," : "").append("\"extra\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : extra.entrySet()) {
          if (!first) {
            json.append(',');
          }
          first = false;
          quote(json, e.getKey());
          json.append(':');
          quote(json, e.getValue());
        }
        json.append('}');
      }
      text = json.append('}').toString();
      canonical = text;
    }
    return text;
  }

  /** A JSON string, escaped as JSON requires and no more. */
  private static void quote(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\t' -> json.append("\\t");
        case '\r' -> json.append("\\r");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04X", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  /**
   * Reads the canonical form back.
   *
   * @throws InputException when the text is not canonical metadata
   */
  public static Meta parseCanonical(String text) {
    try {
      JsonNode node = Json.compact().readTree(text);
      if (node == null || !node.isObject()) {
        throw new InputException("metadata is not a JSON object: " + text);
      }
      List<String> labels = new ArrayList<>();
      node.path("labels").forEach(l -> labels.add(l.asText()));
      TreeMap<String, String> extra = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("extra").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        extra.put(e.getKey(), e.getValue().asText());
      }
      JsonNode source = node.get("source");
      return of(
          source == null ? null : source.asText(),
          labels,
          node.path("annotations").asInt(-1),
          extra);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InputException("metadata is not valid: " + text + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    return o instanceof Meta m
        && annotations == m.annotations
        && Objects.equals(source, m.source)
        && labels.equals(m.labels)
        && extra.equals(m.extra);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      // every entry of a snapshot looks its metadata up in a table: compute this once
      h = Objects.hash(source, labels, annotations, extra);
      hash = h == 0 ? 1 : h;
    }
    return h;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
