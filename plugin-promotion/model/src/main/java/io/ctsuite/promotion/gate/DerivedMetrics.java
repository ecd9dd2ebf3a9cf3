package io.ctsuite.promotion.gate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores text predictions against references when the results carry both but no score: the usual
 * first metrics of a generative model's evaluation.
 */
final class DerivedMetrics {
  static final String EXACT_MATCH = "exact_match";
  static final String CONTAINS_REFERENCE = "contains_reference";

  private DerivedMetrics() {}

  static ExampleTable add(ExampleTable table) {
    Column prediction = first(table, EvaluationReader.PREDICTION_COLUMNS);
    Column reference = first(table, EvaluationReader.REFERENCE_COLUMNS);
    if (prediction == null || reference == null) {
      return table;
    }
    Map<String, Column> columns = new LinkedHashMap<>(table.columns());
    int n = table.size();
    if (!columns.containsKey(EXACT_MATCH)) {
      String[] exact = new String[n];
      for (int r = 0; r < n; r++) {
        exact[r] = normalise(prediction.text(r)).equals(normalise(reference.text(r))) ? "1" : "0";
      }
      columns.put(EXACT_MATCH, new Column(EXACT_MATCH, exact));
    }
    if (!columns.containsKey(CONTAINS_REFERENCE)) {
      String[] contains = new String[n];
      for (int r = 0; r < n; r++) {
        String ref = collapse(reference.text(r));
        contains[r] = !ref.isEmpty() && collapse(prediction.text(r)).contains(ref) ? "1" : "0";
      }
      columns.put(CONTAINS_REFERENCE, new Column(CONTAINS_REFERENCE, contains));
    }
    String[] ids = new String[n];
    int[] lines = new int[n];
    for (int r = 0; r < n; r++) {
      ids[r] = table.id(r);
      lines[r] = table.line(r);
    }
    return new ExampleTable(table.source(), table.idColumn(), ids, lines, columns);
  }

  private static Column first(ExampleTable table, Iterable<String> names) {
    for (String name : names) {
      Column column = table.column(name);
      if (column != null) {
        return column;
      }
    }
    return null;
  }

  /** Case, runs of whitespace and one final full stop do not count. */
  static String normalise(String text) {
    String collapsed = collapse(text);
    return collapsed.endsWith(".") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
  }

  private static String collapse(String text) {
    return text == null
        ? ""
        : String.join(" ", text.strip().toLowerCase(Locale.ROOT).split("\\s+")).strip();
  }
}
