package io.ctsuite.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rules that map synonymous labels to one canonical label: annotators from different vendors write
 * "bleeding" and "haemorrhage" for the same thing. Applied in stats, queries, balancing, diffs and
 * change policies, so that every view of a dataset counts them together. Matching is exact first,
 * then case-insensitive.
 */
public final class LabelAliases implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final LabelAliases NONE = new LabelAliases(new TreeMap<>());

  /** alias → canonical, as given. */
  private final TreeMap<String, String> rules;

  private final TreeMap<String, String> folded = new TreeMap<>();

  private LabelAliases(TreeMap<String, String> rules) {
    this.rules = rules;
    rules.forEach((alias, canonical) -> folded.putIfAbsent(fold(alias), canonical));
  }

  private static String fold(String label) {
    return label.toLowerCase(Locale.ROOT).trim();
  }

  /**
   * Rules written as {@code alias=canonical}.
   *
   * @throws InputException when a rule is malformed, or the rules chain or loop
   */
  public static LabelAliases ofRules(Collection<String> rules, String where) {
    TreeMap<String, String> map = new TreeMap<>();
    for (String rule : rules) {
      int eq = rule.indexOf('=');
      if (eq <= 0 || eq == rule.length() - 1) {
        throw new InputException(
            where
                + ": '"
                + rule
                + "' is not an alias rule; write alias=canonical, e.g."
                + " haemorrhage=bleeding");
      }
      map.put(rule.substring(0, eq).trim(), rule.substring(eq + 1).trim());
    }
    return of(map, where);
  }

  /**
   * Reads {@code {"canonical": ["alias", ...], ...}} as JSON or YAML.
   *
   * @throws InputException naming {@code where} when the text is not such a map
   */
  public static LabelAliases parse(String text, String where) {
    JsonNode root;
    try {
      root =
          text.trim().startsWith("{") ? Json.mapper().readTree(text) : Json.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(
          where + ": line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return NONE;
    }
    if (!root.isObject()) {
      throw new InputException(where + ": expected a map of canonical label to its aliases");
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode aliases = e.getValue();
      if (aliases.isTextual()) {
        map.put(aliases.asText(), e.getKey());
      } else if (aliases.isArray()) {
        for (JsonNode alias : aliases) {
          if (!alias.isTextual()) {
            throw new InputException(where + ": field '" + e.getKey() + "': aliases are text");
          }
          map.put(alias.asText(), e.getKey());
        }
      } else {
        throw new InputException(
            where + ": field '" + e.getKey() + "': expected a list of aliases");
      }
    }
    return of(map, where);
  }

  private static LabelAliases of(Map<String, String> map, String where) {
    TreeMap<String, String> clean = new TreeMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      String alias = e.getKey().trim();
      String canonical = e.getValue().trim();
      if (alias.isEmpty() || canonical.isEmpty()) {
        throw new InputException(where + ": an alias rule has an empty label");
      }
      if (!alias.equals(canonical)) {
        clean.put(alias, canonical);
      }
    }
    for (Map.Entry<String, String> e : clean.entrySet()) {
      if (clean.containsKey(e.getValue())) {
        throw new InputException(
            where
                + ": '"
                + e.getKey()
                + "' maps to '"
                + e.getValue()
                + "', which is itself an"
                + " alias of '"
                + clean.get(e.getValue())
                + "'; map it to the canonical label"
                + " directly");
      }
    }
    return clean.isEmpty() ? NONE : new LabelAliases(clean);
  }

  /** These rules plus {@code more} (which win where both map the same alias). */
  public LabelAliases merge(LabelAliases more) {
    if (more.rules.isEmpty()) {
      return this;
    }
    TreeMap<String, String> merged = new TreeMap<>(rules);
    merged.putAll(more.rules);
    return of(merged, "alias rules");
  }

  /** These rules without the rule for {@code alias}. */
  public LabelAliases without(String alias) {
    TreeMap<String, String> less = new TreeMap<>(rules);
    less.remove(alias);
    return less.isEmpty() ? NONE : new LabelAliases(less);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** alias → canonical. */
  public Map<String, String> rules() {
    return java.util.Collections.unmodifiableMap(rules);
  }

  /** Whether {@code label} is mapped by a rule. */
  public boolean maps(String label) {
    return rules.containsKey(label) || folded.containsKey(fold(label));
  }

  /** The canonical label of {@code label} ({@code label} itself when no rule maps it). */
  public String canonical(String label) {
    if (label == null || rules.isEmpty()) {
      return label;
    }
    String canonical = rules.get(label);
    if (canonical == null) {
      canonical = folded.get(fold(label));
    }
    return canonical == null ? label : canonical;
  }

  /** Canonical labels, sorted and without duplicates. */
  public List<String> canonical(List<String> labels) {
    if (rules.isEmpty() || labels.isEmpty()) {
      return labels;
    }
    TreeSet<String> mapped = new TreeSet<>();
    for (String label : labels) {
      mapped.add(canonical(label));
    }
    return new ArrayList<>(mapped);
  }

  /** The metadata with canonical labels. */
  public Meta apply(Meta meta) {
    if (rules.isEmpty() || meta.labels().isEmpty()) {
      return meta;
    }
    List<String> mapped = canonical(meta.labels());
    return mapped.equals(meta.labels()) ? meta : meta.withLabels(mapped);
  }

  /** {@code {"canonical": ["alias", ...]}}, sorted. */
  public String toJson() {
    TreeMap<String, TreeSet<String>> byCanonical = new TreeMap<>();
    rules.forEach(
        (alias, canonical) ->
            byCanonical.computeIfAbsent(canonical, c -> new TreeSet<>()).add(alias));
    try {
      return Json.mapper().writeValueAsString(byCanonical);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short fingerprint of the rules, for cache keys and derivations. */
  public String fingerprint() {
    return rules.isEmpty()
        ? "none"
        : Hashes.hex(Hashes.sha256(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .substring(0, 12);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelAliases other && rules.equals(other.rules);
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  @Override
  public String toString() {
    return rules.toString();
  }
}
