package io.ctsuite.datasets.ops;

import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Meta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the sources and canonical labels of one or more manifests, and maps each manifest's
 * metadata table to those numbers, so that per-group counts over a million entries are array
 * additions instead of map lookups.
 */
final class Groups {
  static final String NONE = "(none)";

  private final LabelAliases aliases;
  private final List<String> sources = new ArrayList<>();
  private final Map<String, Integer> sourceIds = new HashMap<>();
  private final List<String> labels = new ArrayList<>();
  private final Map<String, Integer> labelIds = new HashMap<>();

  Groups(LabelAliases aliases) {
    this.aliases = aliases == null ? LabelAliases.NONE : aliases;
  }

  /**
   * Per metadata index of {@code m}: the source id (for entries without one, the id of "(none)").
   */
  int[] sourcesOf(Manifest m) {
    Meta[] table = m.metaTable();
    int[] ids = new int[table.length];
    for (int t = 0; t < table.length; t++) {
      String source = table[t].source();
      ids[t] = id(source == null ? NONE : source, sources, sourceIds);
    }
    return ids;
  }

  /** Per metadata index of {@code m}: the ids of its canonical labels (empty when unlabelled). */
  int[][] labelsOf(Manifest m) {
    Meta[] table = m.metaTable();
    int[][] ids = new int[table.length][];
    for (int t = 0; t < table.length; t++) {
      List<String> canonical = aliases.canonical(table[t].labels());
      ids[t] = new int[canonical.size()];
      for (int k = 0; k < canonical.size(); k++) {
        ids[t][k] = id(canonical.get(k), labels, labelIds);
      }
    }
    return ids;
  }

  private static int id(String name, List<String> names, Map<String, Integer> ids) {
    return ids.computeIfAbsent(
        name,
        n -> {
          names.add(n);
          return names.size() - 1;
        });
  }

  int sourceCount() {
    return sources.size();
  }

  int labelCount() {
    return labels.size();
  }

  String source(int id) {
    return sources.get(id);
  }

  String label(int id) {
    return labels.get(id);
  }
}
