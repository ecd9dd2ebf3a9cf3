package io.ctsuite.tracking.capture;

import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.Metrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reads metrics from CSV with a header row: a step column ({@code step}, {@code global_step},
 * {@code iteration}, {@code iter} or {@code epoch}, the first found; without one the row number
 * from 0), an optional time column ({@code time}, {@code timestamp}, {@code wall_time}, {@code ts};
 * seconds, milliseconds or ISO-8601) and one column per metric, as Keras' CSVLogger and Lightning's
 * CSVLogger write them. Empty cells are skipped (Lightning leaves the cells of other phases empty);
 * a cell that is no number is reported with its line and column name and skipped.
 */
public final class CsvMetricsReader {
  private static final List<String> STEP_COLUMNS =
      List.of("step", "global_step", "iteration", "iter", "epoch");
  private static final Set<String> TIME_COLUMNS = Set.of("time", "timestamp", "wall_time", "ts");

  private final String source;
  private final CaptureSink sink;
  private LongSupplier clock = System::currentTimeMillis;
  private List<String> header;
  private int stepColumn = -1;
  private int timeColumn = -1;
  private long line;
  private long rows;

  public CsvMetricsReader(String source, CaptureSink sink) {
    this.source = Objects.requireNonNull(source, "source");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Sets the clock that stamps rows without a time column (default: now). */
  public CsvMetricsReader clock(LongSupplier epochMillis) {
    this.clock = epochMillis;
    return this;
  }

  /** Reads a whole CSV file's text. */
  public void read(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String text;
    while ((text = reader.readLine()) != null) {
      acceptLine(text);
    }
  }

  /**
   * Reads the next line; the first non-blank line is the header. A quoted cell cannot span lines.
   */
  public void acceptLine(String text) {
    line++;
    if (text.isBlank()) {
      return;
    }
    List<String> cells = split(text);
    if (header == null) {
      header(cells);
      return;
    }
    if (cells.size() > header.size()) {
      problem("row has " + cells.size() + " cells, the header " + header.size() + "; skipped");
      return;
    }
    Long step = rows;
    if (stepColumn >= 0 && stepColumn < cells.size()) {
      String cell = cells.get(stepColumn).trim();
      try {
        double d = Double.parseDouble(cell);
        if (d != Math.rint(d)) {
          throw new NumberFormatException();
        }
        step = (long) d;
      } catch (NumberFormatException e) {
        problem("column '" + header.get(stepColumn) + "': '" + cell + "' is no step; row skipped");
        return;
      }
    }
    long time = clock.getAsLong();
    if (timeColumn >= 0 && timeColumn < cells.size() && !cells.get(timeColumn).isBlank()) {
      try {
        time = ServiceMessageParser.parseTime(cells.get(timeColumn));
      } catch (IllegalArgumentException e) {
        problem(
            "column '" + header.get(timeColumn) + "': '" + cells.get(timeColumn) + "' is no time");
      }
    }
    rows++;
    for (int c = 0; c < cells.size(); c++) {
      if (c == stepColumn || c == timeColumn) {
        continue;
      }
      String cell = cells.get(c).trim();
      if (cell.isEmpty()) {
        continue;
      }
      try {
        sink.metric(new MetricPoint(header.get(c), step, time, Metrics.parse(cell)));
      } catch (NumberFormatException e) {
        problem("column '" + header.get(c) + "': '" + cell + "' is not a number");
      }
    }
  }

  /** Whether the header was read. */
  public boolean hasHeader() {
    return header != null;
  }

  /** Continues the line numbering after {@code lines} lines read earlier. */
  public CsvMetricsReader startAfterLine(long lines) {
    this.line = lines;
    return this;
  }

  private void header(List<String> cells) {
    header = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      String name = cells.get(c).trim();
      header.add(name.isEmpty() ? "column" + (c + 1) : name);
    }
    for (String candidate : STEP_COLUMNS) {
      for (int c = 0; c < header.size() && stepColumn < 0; c++) {
        if (header.get(c).toLowerCase(Locale.ROOT).equals(candidate)) {
          stepColumn = c;
        }
      }
    }
    for (int c = 0; c < header.size() && timeColumn < 0; c++) {
      if (TIME_COLUMNS.contains(header.get(c).toLowerCase(Locale.ROOT))) {
        timeColumn = c;
      }
    }
  }

  /** Splits a CSV line: commas, double quotes around cells, {@code ""} for a quote. */
  static List<String> split(String text) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private void problem(String message) {
    sink.problem(CaptureProblem.atLine(source, line, message));
  }
}
