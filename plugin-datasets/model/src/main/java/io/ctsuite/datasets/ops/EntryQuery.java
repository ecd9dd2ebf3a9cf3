package io.ctsuite.datasets.ops;

import io.ctsuite.core.expr.Expression;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A filter over the entries of a version in the suite's expression language, e.g. {@code source in
 * ('hospital-a','hospital-c') and label == 'cholecystectomy' and size > 1MB and path matches
 * 'videos/**.mp4'}.
 *
 * <p>Names: {@code path}, {@code name} (the file name), {@code dir}, {@code ext} (lower case,
 * without the dot), {@code size} (bytes), {@code mtime} (ms since the epoch), {@code modified}
 * (ISO-8601 text), {@code hash}, {@code source}, {@code label}, {@code labels} (all, joined with
 * ','), {@code annotations}, and any other metadata key, bare or as {@code meta.<key>}. Labels are
 * canonical (alias rules applied); an entry with several labels matches when the expression holds
 * for any one of them.
 */
public final class EntryQuery {
  /** The names every entry has. */
  public static final Set<String> FIELDS =
      Set.of(
          "path",
          "name",
          "dir",
          "ext",
          "size",
          "mtime",
          "modified",
          "hash",
          "source",
          "label",
          "labels",
          "annotations");

  private final Expression expression;
  private final boolean perLabel;

  private EntryQuery(Expression expression) {
    this.expression = expression;
    this.perLabel = expression.names().contains("label");
  }

  /**
   * Compiles a query.
   *
   * @throws io.ctsuite.core.expr.ExpressionException naming the column of a syntax error
   */
  public static EntryQuery parse(String text) {
    return new EntryQuery(Expression.parse(text));
  }

  @Override
  public String toString() {
    return expression.toString();
  }

  /**
   * Names the query reads that no entry of {@code manifest} has: likely typos ("labl"), reported so
   * that an empty result is not a mystery.
   */
  public List<String> unknownNames(Manifest manifest) {
    Set<String> known = new TreeSet<>(FIELDS);
    for (Meta meta : manifest.metaTable()) {
      for (String key : meta.extra().keySet()) {
        known.add(key);
        known.add("meta." + key);
      }
    }
    for (String key : Meta.KNOWN_KEYS) {
      known.add("meta." + key);
    }
    List<String> unknown = new ArrayList<>();
    for (String name : new TreeSet<>(expression.names())) {
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  /** The entries that match, as a manifest with the same metadata and origins. */
  public Manifest apply(Manifest manifest, LabelAliases aliases) {
    LabelAliases rules = aliases == null ? LabelAliases.NONE : aliases;
    Meta[] canonical = manifest.metaTable();
    for (int t = 0; t < canonical.length; t++) {
      canonical[t] = rules.apply(canonical[t]);
    }
    return manifest.filter(i -> matches(manifest, i, canonical[manifest.metaIndex(i)]));
  }

  boolean matches(Manifest m, int i, Meta meta) {
    if (!perLabel || meta.labels().size() <= 1) {
      return expression.matches(
          resolver(m, i, meta, meta.labels().isEmpty() ? null : meta.labels().get(0)));
    }
    for (String label : meta.labels()) {
      if (expression.matches(resolver(m, i, meta, label))) {
        return true;
      }
    }
    return false;
  }

  private static Function<String, Object> resolver(Manifest m, int i, Meta meta, String label) {
    return name ->
        switch (name) {
          case "path" -> m.path(i);
          case "name" -> fileName(m.path(i));
          case "dir" -> {
            String path = m.path(i);
            int slash = path.lastIndexOf('/');
            yield slash < 0 ? "" : path.substring(0, slash);
          }
          case "ext" -> {
            String fileName = fileName(m.path(i));
            int dot = fileName.lastIndexOf('.');
            yield dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
          }
          case "size" -> m.fileSize(i);
          case "mtime" -> m.modified(i) < 0 ? null : (Object) m.modified(i);
          case "modified" ->
              m.modified(i) < 0 ? null : Instant.ofEpochMilli(m.modified(i)).toString();
          case "hash" -> m.hashHex(i);
          case "label" -> label;
          default -> {
            String key = name.startsWith("meta.") ? name.substring(5) : name;
            yield meta.get(key);
          }
        };
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
