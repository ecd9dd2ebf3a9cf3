package io.ctsuite.cli.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with aligned columns, for human output. Numbers are right-aligned; everything
 * else left-aligned.
 */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "" : String.valueOf(cell));
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out) {
    int columns = header.size();
    int[] widths = new int[columns];
    boolean[] numeric = new boolean[columns];
    java.util.Arrays.fill(numeric, true);
    for (int c = 0; c < columns; c++) {
      widths[c] = header.get(c).length();
    }
    for (List<String> row : rows) {
      for (int c = 0; c < columns && c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
        if (!row.get(c).isEmpty() && !looksNumeric(row.get(c))) {
          numeric[c] = false;
        }
      }
    }
    out.println(line(header, widths, new boolean[columns]));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println(line(row, widths, numeric));
    }
    out.flush();
  }

  private static String line(List<String> cells, int[] widths, boolean[] right) {
    StringBuilder text = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String cell = c < cells.size() ? cells.get(c) : "";
      String pad = " ".repeat(widths[c] - cell.length());
      text.append(c == 0 ? "" : "  ").append(right[c] ? pad + cell : cell + pad);
    }
    return text.toString().stripTrailing();
  }

  private static boolean looksNumeric(String cell) {
    return cell.matches(
        "[-+]?(\\d[\\d,_]*)?(\\.\\d+)?([eE][-+]?\\d+)?%?|NaN|[-+]?Infinity|[-+]?Inf");
  }
}
