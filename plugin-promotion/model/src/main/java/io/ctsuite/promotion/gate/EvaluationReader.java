package io.ctsuite.promotion.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a model's evaluation results from files: aggregate metrics as a JSON object, per-example
 * results as CSV/TSV, JSON lines or a JSON array of objects. Several files of one model are merged
 * (for example predictions in CSV and judge scores in JSON lines), matched by example id.
 *
 * <p>When per-example rows have a prediction and a reference column but no score of their own, two
 * metrics are derived: {@code exact_match} (equal after normalising case, surrounding whitespace
 * and a final full stop) and {@code contains_reference} (the normalised reference occurs in the
 * prediction).
 */
public final class EvaluationReader {
  /** Column names tried, in order, when no id column is configured. */
  public static final List<String> ID_CANDIDATES =
      List.of("id", "example_id", "exampleId", "example", "uid", "key", "prompt", "question");

  static final List<String> VERSION_KEYS =
      List.of("dataset_version", "datasetVersion", "test_set_version", "testSetVersion");
  static final List<String> PREDICTION_COLUMNS = List.of("prediction", "predicted", "output");
  static final List<String> REFERENCE_COLUMNS =
      List.of("reference", "target", "expected", "ground_truth", "label");

  private final String idColumn;

  /** A reader that finds the id column by name ({@link #ID_CANDIDATES}). */
  public EvaluationReader() {
    this(null);
  }

  /** A reader with a configured id column; null finds it by name. */
  public EvaluationReader(String idColumn) {
    this.idColumn = idColumn == null || idColumn.isBlank() ? null : idColumn;
  }

  /** Reads and merges the files of one model. */
  public Evaluation read(String label, List<Path> files) {
    Map<String, String> contents = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        contents.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        throw new InputException(label + " file not found: " + file);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
      }
    }
    return read(label, contents);
  }

  /**
   * Reads and merges results given as text by file name (the Jenkins step reads files on the agent
   * and passes their content).
   */
  public Evaluation read(String label, Map<String, String> contentsByName) {
    if (contentsByName.isEmpty()) {
      throw new InputException("no " + label + " results given");
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> metricSource = new LinkedHashMap<>();
    List<ExampleTable> tables = new ArrayList<>();
    String version = null;
    String versionSource = null;
    for (Map.Entry<String, String> file : contentsByName.entrySet()) {
      String name = file.getKey();
      String text = stripBom(file.getValue());
      Parsed parsed = parse(name, text);
      if (parsed.version != null) {
        if (version != null && !version.equals(parsed.version)) {
          throw new InputException(
              label
                  + " results mix two dataset versions: '"
                  + version
                  + "' in "
                  + versionSource
                  + " and '"
                  + parsed.version
                  + "' in "
                  + name);
        }
        version = parsed.version;
        versionSource = name;
      }
      for (Map.Entry<String, Double> metric : parsed.metrics.entrySet()) {
        Double earlier = metrics.putIfAbsent(metric.getKey(), metric.getValue());
        if (earlier != null && !sameNumber(earlier, metric.getValue())) {
          throw new InputException(
              name
                  + ": metric '"
                  + metric.getKey()
                  + "' is "
                  + metric.getValue()
                  + " but "
                  + metricSource.get(metric.getKey())
                  + " says "
                  + earlier);
        }
        metricSource.putIfAbsent(metric.getKey(), name);
      }
      if (parsed.table != null) {
        tables.add(parsed.table);
      }
    }
    ExampleTable examples = tables.isEmpty() ? null : TableMerger.merge(label, tables);
    if (examples != null) {
      examples = DerivedMetrics.add(examples);
    }
    return new Evaluation(
        label, new ArrayList<>(contentsByName.keySet()), version, metrics, examples);
  }

  private static boolean sameNumber(double a, double b) {
    return Double.compare(a, b) == 0 || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** What one file holds. */
  private static final class Parsed {
    String version;
    Map<String, Double> metrics = new LinkedHashMap<>();
    ExampleTable table;
  }

  private Parsed parse(String name, String text) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return rows(name, readCsv(name, text, ','));
    }
    if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
      return rows(name, readCsv(name, text, '\t'));
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return rows(name, readJsonLines(name, text));
    }
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{")) {
      // a JSON object: aggregate metrics, unless it is the first of several JSON lines
      String firstLine = trimmed.lines().findFirst().orElse("");
      if (trimmed.lines().filter(l -> !l.isBlank()).count() > 1 && isCompleteJson(firstLine)) {
        return rows(name, readJsonLines(name, text));
      }
      return aggregate(name, readJson(name, text));
    }
    if (trimmed.startsWith("[")) {
      return rows(name, readJsonArray(name, readJson(name, text)));
    }
    if (lower.endsWith(".json")) {
      throw new InputException(name + ": expected a JSON object (metrics) or array (examples)");
    }
    return rows(name, readCsv(name, text, ','));
  }

  private static boolean isCompleteJson(String line) {
    try {
      Json.compact().readTree(line);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  // ---- aggregate metrics ----

  private static Parsed aggregate(String name, JsonNode root) {
    Parsed parsed = new Parsed();
    parsed.version = versionOf(name, root);
    JsonNode metrics = root.get("metrics");
    if (metrics != null && metrics.isObject()) {
      flatten(name, "", metrics, parsed.metrics);
    } else {
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("dataset") || VERSION_KEYS.contains(field.getKey())) {
          continue;
        }
        if (field.getValue().isNumber() || field.getValue().isObject()) {
          flatten(name, field.getKey(), field.getValue(), parsed.metrics);
        } else if (field.getValue().isTextual()) {
          Double special = specialNumber(field.getValue().asText());
          if (special != null) {
            parsed.metrics.put(field.getKey(), special);
          }
        }
      }
    }
    if (parsed.metrics.isEmpty()) {
      throw new InputException(
          name + ": no metrics found (expected numbers at the top level or under \"metrics\")");
    }
    return parsed;
  }

  private static void flatten(String file, String prefix, JsonNode node, Map<String, Double> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        flatten(file, key, field.getValue(), out);
      }
    } else if (node.isNumber()) {
      out.put(prefix, node.asDouble());
    } else if (node.isTextual()) {
      Double special = specialNumber(node.asText());
      if (special == null) {
        throw new InputException(
            file + ": metric '" + prefix + "' is not a number: \"" + node.asText() + "\"");
      }
      out.put(prefix, special);
    } else if (!node.isNull()) {
      throw new InputException(file + ": metric '" + prefix + "' is not a number: " + node);
    }
  }

  private static Double specialNumber(String text) {
    Double number = Column.toNumber(text.strip());
    return number != null && (number.isNaN() || number.isInfinite()) ? number : null;
  }

  private static String versionOf(String name, JsonNode root) {
    for (String key : VERSION_KEYS) {
      JsonNode value = root.get(key);
      if (value != null && !value.isNull()) {
        return scalarText(name, key, value);
      }
    }
    JsonNode dataset = root.get("dataset");
    if (dataset != null && dataset.isObject()) {
      for (String key : List.of("version", "id")) {
        JsonNode value = dataset.get(key);
        if (value != null && !value.isNull()) {
          return scalarText(name, "dataset." + key, value);
        }
      }
    } else if (dataset != null && dataset.isValueNode() && !dataset.isNull()) {
      return scalarText(name, "dataset", dataset);
    }
    return null;
  }

  private static String scalarText(String name, String key, JsonNode value) {
    if (!value.isValueNode()) {
      throw new InputException(name + ": " + key + " must be a string, not " + value);
    }
    return value.asText();
  }

  // ---- per-example rows ----

  /** Rows as read: header in first-seen order and one string per cell. */
  private record Rows(
      String source, List<String> header, List<String[]> cells, List<Integer> lines) {}

  private Parsed rows(String name, Rows rows) {
    Parsed parsed = new Parsed();
    if (rows.cells.isEmpty()) {
      throw new InputException(name + ": no examples (the file has a header but no rows)");
    }
    String id = findIdColumn(name, rows.header);
    int idIndex = rows.header.indexOf(id);
    int versionIndex = -1;
    for (String key : VERSION_KEYS) {
      if (rows.header.contains(key)) {
        versionIndex = rows.header.indexOf(key);
        break;
      }
    }
    int n = rows.cells.size();
    String[] ids = new String[n];
    int[] lines = new int[n];
    for (int r = 0; r < n; r++) {
      String[] row = rows.cells.get(r);
      lines[r] = rows.lines.get(r);
      String value = idIndex < row.length ? row[idIndex] : null;
      if (value == null || value.isBlank()) {
        throw new InputException(
            name + " line " + lines[r] + ": the example id (" + id + ") is empty");
      }
      ids[r] = value;
      if (versionIndex >= 0) {
        String version = versionIndex < row.length ? row[versionIndex] : null;
        if (version != null && !version.isBlank()) {
          if (parsed.version != null && !parsed.version.equals(version)) {
            throw new InputException(
                name
                    + " line "
                    + lines[r]
                    + ": dataset version '"
                    + version
                    + "' differs from '"
                    + parsed.version
                    + "' on earlier lines; one file must hold one test set");
          }
          parsed.version = version;
        }
      }
    }
    Map<String, Column> columns = new LinkedHashMap<>();
    for (int c = 0; c < rows.header.size(); c++) {
      if (c == idIndex || c == versionIndex) {
        continue;
      }
      String[] text = new String[n];
      for (int r = 0; r < n; r++) {
        String[] row = rows.cells.get(r);
        text[r] = c < row.length ? row[c] : "";
      }
      columns.put(rows.header.get(c), new Column(rows.header.get(c), text));
    }
    parsed.table = new ExampleTable(name, id, ids, lines, columns);
    return parsed;
  }

  private String findIdColumn(String name, List<String> header) {
    if (idColumn != null) {
      if (!header.contains(idColumn)) {
        throw new InputException(
            name
                + ": no id column '"
                + idColumn
                + "' (columns: "
                + String.join(", ", header)
                + ")");
      }
      return idColumn;
    }
    for (String candidate : ID_CANDIDATES) {
      if (header.contains(candidate)) {
        return candidate;
      }
    }
    throw new InputException(
        name
            + ": no example id column; name one of "
            + String.join(", ", ID_CANDIDATES)
            + " or set idColumn in the gate spec (columns: "
            + String.join(", ", header)
            + ")");
  }

  private static Rows readCsv(String name, String text, char delimiter) {
    CsvRecords records = new CsvRecords(new StringReader(text), delimiter, name);
    CsvRecords.Record head = records.next();
    if (head == null) {
      throw new InputException(name + ": the file is empty");
    }
    List<String> header = new ArrayList<>();
    for (String field : head.fields()) {
      String column = field.strip();
      if (column.isEmpty()) {
        column = "column" + (header.size() + 1); // pandas writes an unnamed index column
      }
      if (header.contains(column)) {
        throw new InputException(name + " line 1: column '" + column + "' appears twice");
      }
      header.add(column);
    }
    List<String[]> cells = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
      if (record.fields().size() > header.size()) {
        throw new InputException(
            name
                + " line "
                + record.line()
                + ": "
                + record.fields().size()
                + " fields but the header has "
                + header.size());
      }
      cells.add(record.fields().toArray(new String[0]));
      lines.add(record.line());
    }
    return new Rows(name, header, cells, lines);
  }

  private static Rows readJsonLines(String name, String text) {
    List<String> header = new ArrayList<>();
    List<Map<String, String>> objects = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.compact().readTree(line);
        } catch (JsonProcessingException e) {
          throw new InputException(
              name
                  + " line "
                  + lineNumber
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ": not valid JSON: "
                  + e.getOriginalMessage());
        }
        if (!node.isObject()) {
          throw new InputException(name + " line " + lineNumber + ": expected a JSON object");
        }
        objects.add(cellsOf(node, header));
        lines.add(lineNumber);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Rows(name, header, toCells(header, objects), lines);
  }

  private static Rows readJsonArray(String name, JsonNode array) {
    List<String> header = new ArrayList<>();
    List<Map<String, String>> objects = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    int index = 0;
    for (JsonNode node : array) {
      if (!node.isObject()) {
        throw new InputException(name + " [" + index + "]: expected a JSON object per example");
      }
      objects.add(cellsOf(node, header));
      lines.add(index + 1); // position in the array stands in for a line number
      index++;
    }
    return new Rows(name, header, toCells(header, objects), lines);
  }

  private static Map<String, String> cellsOf(JsonNode node, List<String> header) {
    Map<String, String> cells = new LinkedHashMap<>();
    flattenCells("", node, cells);
    for (String key : cells.keySet()) {
      if (!header.contains(key)) {
        header.add(key);
      }
    }
    return cells;
  }

  private static void flattenCells(String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flattenCells(key, value, out);
      } else if (value.isNull()) {
        out.put(key, "");
      } else if (value.isValueNode()) {
        out.put(key, value.asText());
      } else {
        out.put(key, value.toString());
      }
    }
  }

  private static List<String[]> toCells(List<String> header, List<Map<String, String>> objects) {
    List<String[]> cells = new ArrayList<>(objects.size());
    for (Map<String, String> object : objects) {
      String[] row = new String[header.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = object.getOrDefault(header.get(c), "");
      }
      cells.add(row);
    }
    return cells;
  }

  private static JsonNode readJson(String name, String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(
          name
              + " line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": not valid JSON: "
              + e.getOriginalMessage());
    }
  }
}
