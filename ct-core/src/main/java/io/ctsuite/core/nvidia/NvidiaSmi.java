package io.ctsuite.core.nvidia;

import io.ctsuite.core.InputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code nvidia-smi --query-gpu} CSV output: the command line to run and a parser of what it
 * prints.
 *
 * <p>The parser takes the exact output of {@link #queryCommand()} ({@code
 * --format=csv,noheader,nounits}, columns in {@link #QUERY_FIELDS} order) and also the variants
 * people capture: with a header row (columns are then found by name, in any order, among any other
 * columns), with units in the values ({@code 841 MiB}, {@code 70.50 W}, {@code 22 %}), with the
 * header repeated before every sample. Values in brackets ({@code [N/A]}, {@code [Not Supported]},
 * {@code [Requested functionality has been deprecated]}) and {@code N/A} become {@code null}.
 */
public final class NvidiaSmi {
  /** The fields queried, in the order of the columns of {@link #queryCommand()}'s output. */
  public static final List<String> QUERY_FIELDS =
      List.of(
          "index",
          "uuid",
          "name",
          "utilization.gpu",
          "memory.used",
          "memory.total",
          "power.draw",
          "temperature.gpu");

  private NvidiaSmi() {}

  /** {@code nvidia-smi --query-gpu=index,uuid,… --format=csv,noheader,nounits}: one sample. */
  public static List<String> queryCommand() {
    return List.of(
        "nvidia-smi",
        "--query-gpu=" + String.join(",", QUERY_FIELDS),
        "--format=csv,noheader,nounits");
  }

  /**
   * The query repeated every {@code interval} by nvidia-smi itself ({@code -lms}): one process for
   * a whole run instead of one per sample, which keeps a sampler's overhead low. Each sample is one
   * row per GPU, in index order.
   */
  public static List<String> loopCommand(Duration interval) {
    List<String> command = new ArrayList<>(queryCommand());
    command.add("-lms=" + Math.max(1, interval.toMillis()));
    return List.copyOf(command);
  }

  /**
   * Parses the output of a query.
   *
   * @param source where the text comes from, for error messages
   * @return one sample per GPU row, in the order printed; empty for "No devices were found"
   * @throws InputException naming the source, line and field of a value that is no number, or a row
   *     with the wrong number of columns
   */
  public static List<GpuSample> parse(String source, String text) {
    Parser parser = new Parser(source);
    List<GpuSample> samples = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      GpuSample sample = parser.line(i + 1, lines[i]);
      if (sample != null) {
        samples.add(sample);
      }
    }
    return samples;
  }

  /**
   * Parses rows one at a time, for reading the output of {@link #loopCommand} as it arrives. A
   * header row, if any, must come first; it may repeat.
   */
  public static final class Parser {
    private final String source;
    private Map<String, Integer> columns = defaultColumns();
    private int width = QUERY_FIELDS.size();
    private String header;

    public Parser(String source) {
      this.source = source;
    }

    /**
     * Parses one line.
     *
     * @return the sample, or {@code null} for a blank line, a header row or "No devices were found"
     * @throws InputException for a malformed row, naming the source, line and field
     */
    public GpuSample line(long lineNumber, String line) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("No devices were found")) {
        return null;
      }
      if (trimmed.equals(header)) {
        return null;
      }
      String[] cells = trimmed.split(",", -1);
      if (header == null && isHeader(cells)) {
        header = trimmed;
        columns = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
          columns.putIfAbsent(fieldName(cells[c]), c);
        }
        width = cells.length;
        if (!columns.containsKey("index")) {
          throw new InputException(
              source + ":" + lineNumber + ": the header has no 'index' column: " + trimmed);
        }
        return null;
      }
      if (cells.length != width) {
        throw new InputException(
            String.format(
                "%s:%d: expected %d columns (%s), found %d: %s",
                source,
                lineNumber,
                width,
                header == null ? String.join(",", QUERY_FIELDS) : "as in the header",
                cells.length,
                trimmed));
      }
      Row row = new Row(source, lineNumber, cells, columns);
      Double index = row.number("index");
      if (index == null || index != Math.rint(index)) {
        throw new InputException(source + ":" + lineNumber + ": field 'index' is no GPU index");
      }
      return new GpuSample(
          index.intValue(),
          row.text("uuid"),
          row.text("name"),
          row.number("utilization.gpu"),
          row.number("memory.used"),
          row.number("memory.total"),
          row.number("power.draw"),
          row.number("temperature.gpu"));
    }

    private static boolean isHeader(String[] cells) {
      for (String cell : cells) {
        String name = fieldName(cell);
        if (name.equals("index") || name.equals("uuid") || name.equals("utilization.gpu")) {
          return true;
        }
      }
      return false;
    }

    /** {@code memory.used [MiB]} → {@code memory.used}. */
    private static String fieldName(String cell) {
      String name = cell.strip();
      int unit = name.indexOf(" [");
      return (unit < 0 ? name : name.substring(0, unit)).toLowerCase(Locale.ROOT);
    }

    private static Map<String, Integer> defaultColumns() {
      Map<String, Integer> columns = new HashMap<>();
      for (int c = 0; c < QUERY_FIELDS.size(); c++) {
        columns.put(QUERY_FIELDS.get(c), c);
      }
      return columns;
    }
  }

  private record Row(String source, long line, String[] cells, Map<String, Integer> columns) {
    String text(String field) {
      Integer c = columns.get(field);
      if (c == null) {
        return null;
      }
      String value = cells[c].strip();
      return notAvailable(value) ? null : value;
    }

    Double number(String field) {
      String value = text(field);
      if (value == null) {
        return null;
      }
      String digits = stripUnit(value);
      try {
        return Double.parseDouble(digits);
      } catch (NumberFormatException e) {
        throw new InputException(
            source + ":" + line + ": field '" + field + "' is not a number: '" + value + "'");
      }
    }

    private static boolean notAvailable(String value) {
      return value.isEmpty()
          || (value.startsWith("[") && value.endsWith("]"))
          || value.equalsIgnoreCase("N/A")
          || value.equalsIgnoreCase("Not Supported");
    }

    /** {@code 841 MiB} → {@code 841}, {@code 22 %} → {@code 22}, {@code 70.5 W} → {@code 70.5}. */
    private static String stripUnit(String value) {
      int space = value.indexOf(' ');
      String number = space < 0 ? value : value.substring(0, space);
      if (number.endsWith("%")) {
        number = number.substring(0, number.length() - 1);
      }
      return number;
    }
  }
}
