package io.ctsuite.promotion.gate;

import io.ctsuite.core.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins several per-example files of one model (predictions, judge scores, …) on the example id.
 * The files must cover the same examples; a column present in two files must agree.
 */
final class TableMerger {
  private TableMerger() {}

  static ExampleTable merge(String label, List<ExampleTable> tables) {
    ExampleTable first = tables.get(0);
    if (tables.size() == 1) {
      return first;
    }
    Map<String, Column> columns = new LinkedHashMap<>(first.columns());
    Map<String, String> columnSource = new LinkedHashMap<>();
    first.columns().keySet().forEach(c -> columnSource.put(c, first.source()));
    StringBuilder sources = new StringBuilder(first.source());
    for (ExampleTable other : tables.subList(1, tables.size())) {
      sources.append(" + ").append(other.source());
      int[] rowInOther = alignRows(label, first, other);
      for (Column column : other.columns().values()) {
        String[] text = new String[first.size()];
        for (int r = 0; r < text.length; r++) {
          text[r] = column.text(rowInOther[r]);
        }
        Column existing = columns.get(column.name());
        if (existing == null) {
          columns.put(column.name(), new Column(column.name(), text));
          columnSource.put(column.name(), other.source());
          continue;
        }
        for (int r = 0; r < text.length; r++) {
          if (!Objects.equals(existing.text(r), text[r])) {
            throw new InputException(
                other.source()
                    + " line "
                    + other.line(rowInOther[r])
                    + ": column '"
                    + column.name()
                    + "' of example '"
                    + first.id(r)
                    + "' differs from "
                    + columnSource.get(column.name())
                    + " line "
                    + first.line(r)
                    + "; the files of one "
                    + label
                    + " must agree");
          }
        }
      }
    }
    String[] ids = new String[first.size()];
    int[] lines = new int[first.size()];
    for (int r = 0; r < ids.length; r++) {
      ids[r] = first.id(r);
      lines[r] = first.line(r);
    }
    return new ExampleTable(sources.toString(), first.idColumn(), ids, lines, columns);
  }

  private static int[] alignRows(String label, ExampleTable first, ExampleTable other) {
    int[] rowInOther = new int[first.size()];
    for (int r = 0; r < first.size(); r++) {
      int row = other.rowOf(first.id(r));
      if (row < 0) {
        throw new InputException(
            other.source()
                + ": has no example '"
                + first.id(r)
                + "' that "
                + first.source()
                + " line "
                + first.line(r)
                + " has; the files of one "
                + label
                + " must cover the same examples");
      }
      rowInOther[r] = row;
    }
    if (other.size() != first.size()) {
      for (int r = 0; r < other.size(); r++) {
        if (first.rowOf(other.id(r)) < 0) {
          throw new InputException(
              other.source()
                  + " line "
                  + other.line(r)
                  + ": example '"
                  + other.id(r)
                  + "' is not in "
                  + first.source()
                  + "; the files of one "
                  + label
                  + " must cover the same examples");
        }
      }
    }
    return rowInOther;
  }
}
