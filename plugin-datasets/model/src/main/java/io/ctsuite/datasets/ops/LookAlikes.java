package io.ctsuite.datasets.ops;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds labels that probably mean the same thing but are not mapped by an alias rule: the same word
 * in another case, separator, plural or British/American spelling ("Haemorrhage", "hemorrhage"), or
 * one letter apart ("cholecystectomy", "cholecystecotmy"). Synonyms that share no letters
 * ("bleeding", "haemorrhage") cannot be guessed: those need a rule.
 */
public final class LookAlikes {
  /**
   * Two labels that look alike.
   *
   * @param label the rarer label
   * @param files its entries
   * @param similar the more common label it resembles
   * @param similarFiles its entries
   * @param why how they differ
   */
  public record Pair(String label, long files, String similar, long similarFiles, String why)
      implements Serializable {}

  private LookAlikes() {}

  /** Pairs among {@code counts} (canonical label → entries), the rarer label first. */
  public static List<Pair> find(Map<String, Long> counts) {
    List<String> labels = new ArrayList<>(counts.keySet());
    List<Pair> pairs = new ArrayList<>();
    String[] normalized = new String[labels.size()];
    for (int k = 0; k < labels.size(); k++) {
      normalized[k] = normalize(labels.get(k));
    }
    for (int a = 0; a < labels.size(); a++) {
      for (int b = a + 1; b < labels.size(); b++) {
        String why = why(labels.get(a), labels.get(b), normalized[a], normalized[b]);
        if (why != null) {
          String x = labels.get(a);
          String y = labels.get(b);
          long cx = counts.get(x);
          long cy = counts.get(y);
          pairs.add(cx <= cy ? new Pair(x, cx, y, cy, why) : new Pair(y, cy, x, cx, why));
        }
      }
    }
    pairs.sort(
        java.util.Comparator.comparingLong((Pair p) -> -(p.files() + p.similarFiles()))
            .thenComparing(Pair::label));
    return pairs;
  }

  private static String why(String a, String b, String na, String nb) {
    if (a.equalsIgnoreCase(b)) {
      return "differ only in case";
    }
    if (na.equals(nb)) {
      return "the same word in another spelling, separator or plural";
    }
    int shorter = Math.min(na.length(), nb.length());
    if (shorter >= 5) {
      int distance = distance(na, nb, 2);
      if (distance == 1 || (distance == 2 && shorter >= 10)) {
        return distance == 1 ? "one letter apart" : "two letters apart";
      }
    }
    return null;
  }

  /** Lower case, no separators, American spelling, singular. */
  static String normalize(String label) {
    String text = label.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-./]+", "");
    text =
        text.replace("ae", "e")
            .replace("oe", "e")
            .replace("our", "or")
            .replace("ise", "ize")
            .replace("yse", "yze")
            .replace("tre", "ter")
            .replace("ll", "l");
    if (text.endsWith("ies") && text.length() > 4) {
      text = text.substring(0, text.length() - 3) + "y";
    } else if (text.endsWith("es") && text.length() > 4 && !text.endsWith("ses")) {
      text = text.substring(0, text.length() - 1);
    } else if (text.endsWith("s") && !text.endsWith("ss") && text.length() > 3) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  /** Optimal string alignment distance, or {@code limit + 1} once it exceeds {@code limit}. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, d[i - 2][j - 2] + 1);
        }
        d[i][j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
    }
    return d[a.length()][b.length()];
  }
}
