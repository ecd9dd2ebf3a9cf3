package io.ctsuite.promotion.gate;

import io.ctsuite.core.InputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-example results of one model on a test set: one row per example, keyed by the example id,
 * with score, correct/incorrect and slice columns.
 */
public final class ExampleTable {
  private final String source;
  private final String idColumn;
  private final String[] ids;
  private final int[] lines;
  private final Map<String, Column> columns;
  private final Map<String, Integer> rowOfId;

  ExampleTable(
      String source, String idColumn, String[] ids, int[] lines, Map<String, Column> columns) {
    this.source = source;
    this.idColumn = idColumn;
    this.ids = ids;
    this.lines = lines;
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    this.rowOfId = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      Integer earlier = rowOfId.put(ids[i], i);
      if (earlier != null) {
        throw new InputException(
            source
                + " line "
                + lines[i]
                + ": example id '"
                + ids[i]
                + "' ("
                + idColumn
                + ") appears again (first on line "
                + lines[earlier]
                + "); every example must appear once");
      }
    }
  }

  /** The file (or files) the rows came from, for messages. */
  public String source() {
    return source;
  }

  public String idColumn() {
    return idColumn;
  }

  public int size() {
    return ids.length;
  }

  public String id(int row) {
    return ids[row];
  }

  /** The line a row was read from, for messages. */
  public int line(int row) {
    return lines[row];
  }

  /** The row of an example id, or -1. */
  public int rowOf(String id) {
    Integer row = rowOfId.get(id);
    return row == null ? -1 : row;
  }

  public Column column(String name) {
    return columns.get(name);
  }

  public Map<String, Column> columns() {
    return columns;
  }

  /** The numeric columns, which can serve as per-example metrics. */
  public List<String> metricNames() {
    List<String> names = new ArrayList<>();
    for (Column column : columns.values()) {
      if (column.isNumeric()) {
        names.add(column.name());
      }
    }
    return names;
  }
}
