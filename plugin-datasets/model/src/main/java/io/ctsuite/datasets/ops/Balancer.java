package io.ctsuite.datasets.ops;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Meta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Balances a version by a key (the canonical label by default, or {@code source}, or any metadata
 * key): either caps every group at N entries, or samples it down to a target distribution. Both are
 * seeded choices, so the result is reproducible. Sampling only removes entries; it never repeats
 * one.
 *
 * <p>An entry with several labels belongs to its rarest label, so that rare labels are kept. An
 * entry without a value belongs to the group "(none)", which a cap keeps and a target drops unless
 * it names it.
 */
public final class Balancer {
  private Balancer() {}

  /** The entries of each group, by the group's name, ascending indices. */
  public static Map<String, int[]> groups(Manifest m, String by, LabelAliases aliases) {
    LabelAliases rules = aliases == null ? LabelAliases.NONE : aliases;
    Meta[] table = m.metaTable();
    String[] groupOf = new String[table.length];
    boolean byLabel = by == null || by.equals("label") || by.equals("labels");
    String key = by == null ? "label" : by.startsWith("meta.") ? by.substring(5) : by;
    if (byLabel) {
      Map<String, Long> labelCounts = new TreeMap<>();
      for (int i = 0; i < m.size(); i++) {
        for (String label : rules.canonical(table[m.metaIndex(i)].labels())) {
          labelCounts.merge(label, 1L, Long::sum);
        }
      }
      for (int t = 0; t < table.length; t++) {
        String rarest = null;
        for (String label : rules.canonical(table[t].labels())) {
          if (rarest == null || labelCounts.get(label) < labelCounts.get(rarest)) {
            rarest = label;
          }
        }
        groupOf[t] = rarest == null ? Groups.NONE : rarest;
      }
    } else {
      for (int t = 0; t < table.length; t++) {
        Object value = table[t].get(key);
        groupOf[t] = value == null ? Groups.NONE : value.toString();
      }
    }
    Map<String, ManifestDiff.IntList> lists = new TreeMap<>();
    for (int i = 0; i < m.size(); i++) {
      lists.computeIfAbsent(groupOf[m.metaIndex(i)], g -> new ManifestDiff.IntList()).add(i);
    }
    Map<String, int[]> groups = new LinkedHashMap<>();
    lists.forEach((g, list) -> groups.put(g, list.toArray()));
    return groups;
  }

  /** At most {@code cap} entries of each group. */
  public static Manifest cap(Manifest m, String by, long cap, long seed, LabelAliases aliases) {
    if (cap < 1) {
      throw new InputException("the cap must be at least 1, got " + cap);
    }
    List<int[]> kept = new ArrayList<>();
    for (int[] members : groups(m, by, aliases).values()) {
      kept.add(SeededChoice.pick(m, members, (int) Math.min(cap, members.length), seed));
    }
    return m.select(merge(kept));
  }

  /**
   * Samples down to {@code target} (group → share; shares are normalized), with {@code total}
   * entries or, when -1, as many as the rarest group allows. {@code uniform} as the only group name
   * means every group but "(none)" equally.
   *
   * @throws InputException when a named group is missing or the total cannot be reached
   */
  public static Manifest toTarget(
      Manifest m,
      String by,
      Map<String, Double> target,
      long total,
      long seed,
      LabelAliases aliases) {
    Map<String, int[]> groups = groups(m, by, aliases);
    Map<String, Double> shares = new LinkedHashMap<>();
    if (target.size() == 1 && target.containsKey("uniform")) {
      groups.keySet().stream().filter(g -> !g.equals(Groups.NONE)).forEach(g -> shares.put(g, 1.0));
    } else {
      shares.putAll(target);
    }
    if (shares.isEmpty()) {
      throw new InputException("nothing to balance: no entry has a " + (by == null ? "label" : by));
    }
    double sum = 0;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      if (!(e.getValue() > 0)) {
        throw new InputException("the share of '" + e.getKey() + "' must be above 0");
      }
      if (!groups.containsKey(e.getKey())) {
        throw new InputException(
            "'"
                + e.getKey()
                + "' is not a "
                + (by == null ? "label" : by)
                + " of this version; it has: "
                + String.join(", ", groups.keySet()));
      }
      sum += e.getValue();
    }
    String[] names = shares.keySet().toArray(new String[0]);
    double[] fractions = new double[names.length];
    long possible = Long.MAX_VALUE;
    String limiting = null;
    for (int k = 0; k < names.length; k++) {
      fractions[k] = shares.get(names[k]) / sum;
      long allows = (long) Math.floor(groups.get(names[k]).length / fractions[k] + 1e-9);
      if (allows < possible) {
        possible = allows;
        limiting = names[k];
      }
    }
    long wanted = total < 0 ? possible : total;
    if (wanted > possible) {
      throw new InputException(
          String.format(
              "cannot reach %,d entries: '%s' has only %,d entries, which allows at most %,d with"
                  + " these shares (balancing never repeats an entry)",
              wanted, limiting, groups.get(limiting).length, possible));
    }
    long[] quotas = SeededChoice.apportion(wanted, fractions);
    List<int[]> kept = new ArrayList<>();
    for (int k = 0; k < names.length; k++) {
      kept.add(SeededChoice.pick(m, groups.get(names[k]), (int) quotas[k], seed));
    }
    return m.select(merge(kept));
  }

  private static int[] merge(List<int[]> parts) {
    int size = 0;
    for (int[] part : parts) {
      size += part.length;
    }
    int[] all = new int[size];
    int at = 0;
    for (int[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    Arrays.sort(all);
    return all;
  }

  /**
   * Parses {@code bleeding=0.5,normal=0.5} or {@code uniform}.
   *
   * @throws InputException naming the malformed item
   */
  public static Map<String, Double> parseTarget(String text) {
    Map<String, Double> target = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      throw new InputException("--target needs group=share pairs or 'uniform'");
    }
    if (text.trim().equals("uniform")) {
      target.put("uniform", 1.0);
      return target;
    }
    for (String item : text.split(",")) {
      int eq = item.lastIndexOf('=');
      if (eq <= 0) {
        throw new InputException("'" + item.trim() + "' in --target is not group=share");
      }
      String share = item.substring(eq + 1).trim();
      try {
        double value =
            share.endsWith("%")
                ? Double.parseDouble(share.substring(0, share.length() - 1)) / 100
                : Double.parseDouble(share);
        target.put(item.substring(0, eq).trim(), value);
      } catch (NumberFormatException e) {
        throw new InputException("'" + share + "' in --target is not a number");
      }
    }
    return target;
  }
}
