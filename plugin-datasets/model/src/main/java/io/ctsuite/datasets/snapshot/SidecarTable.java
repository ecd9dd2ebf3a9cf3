package io.ctsuite.datasets.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.EntryPaths;
import io.ctsuite.datasets.Meta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata per file from a sidecar table: CSV (or TSV) with a header, or JSON lines, each row with
 * a {@code path} relative to the dataset root and any of {@code source}, {@code label} (several
 * separated by ';'), {@code annotations} and other keys. Errors name the file and line.
 */
public final class SidecarTable {
  private final String name;
  private final Map<String, Meta> rows;
  private final Map<String, Integer> lines;

  private SidecarTable(String name, Map<String, Meta> rows, Map<String, Integer> lines) {
    this.name = name;
    this.rows = rows;
    this.lines = lines;
  }

  /**
   * Parses a sidecar table; the format follows the name's extension (.csv, .tsv, .jsonl, .ndjson,
   * .json).
   *
   * @throws InputException naming the file and line of a bad row
   */
  public static SidecarTable parse(String name, String text) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    Map<String, Meta> rows = new HashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
      parseJson(name, text, rows, lines);
    } else if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
      parseDelimited(name, text, lower.endsWith(".tsv") ? '\t' : ',', rows, lines);
    } else {
      throw new InputException(
          name + ": a metadata sidecar must be .csv, .tsv, .jsonl, .ndjson or .json");
    }
    return new SidecarTable(name, rows, lines);
  }

  private static void parseJson(
      String name, String text, Map<String, Meta> rows, Map<String, Integer> lines) {
    String trimmed = text.trim();
    if (trimmed.startsWith("[")) {
      try {
        JsonNode array = Json.mapper().readTree(trimmed);
        int index = 0;
        for (JsonNode row : array) {
          add(name, "item " + index, index + 1, row, rows, lines);
          index++;
        }
      } catch (JsonProcessingException e) {
        throw new InputException(
            name + ": line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
      }
      return;
    }
    String[] split = text.split("\n", -1);
    for (int i = 0; i < split.length; i++) {
      String line = split[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      try {
        add(name, "line " + (i + 1), i + 1, Json.mapper().readTree(line), rows, lines);
      } catch (JsonProcessingException e) {
        throw new InputException(name + ": line " + (i + 1) + ": " + e.getOriginalMessage(), e);
      }
    }
  }

  private static void add(
      String name,
      String where,
      int line,
      JsonNode row,
      Map<String, Meta> rows,
      Map<String, Integer> lines) {
    if (!row.isObject()) {
      throw new InputException(name + ": " + where + ": expected an object with a 'path'");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (value.isArray()) {
        List<String> parts = new ArrayList<>();
        value.forEach(v -> parts.add(v.asText()));
        values.put(e.getKey(), String.join(";", parts));
      } else if (!value.isNull()) {
        values.put(e.getKey(), value.asText());
      }
    }
    put(name, where, line, values, rows, lines);
  }

  private static void put(
      String name,
      String where,
      int line,
      Map<String, String> values,
      Map<String, Meta> rows,
      Map<String, Integer> lines) {
    String path = values.remove("path");
    if (path == null || path.isBlank()) {
      throw new InputException(name + ": " + where + ": field 'path' is missing");
    }
    path = path.trim();
    if (path.startsWith("./")) {
      path = path.substring(2);
    }
    EntryPaths.check(path, name + ": " + where + ": field 'path'");
    try {
      Meta meta = Meta.of(values);
      if (rows.put(path, meta) != null) {
        throw new InputException(
            name
                + ": "
                + where
                + ": path '"
                + path
                + "' is already described on line "
                + lines.get(path));
      }
      lines.put(path, line);
    } catch (InputException e) {
      if (e.getMessage().startsWith(name)) {
        throw e;
      }
      throw new InputException(name + ": " + where + ": " + e.getMessage(), e);
    }
  }

  private static void parseDelimited(
      String name,
      String text,
      char delimiter,
      Map<String, Meta> rows,
      Map<String, Integer> lines) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> recordLines = new ArrayList<>();
    new DelimitedReader(name, text, delimiter).readAll(records, recordLines);
    if (records.isEmpty()) {
      return;
    }
    List<String> header = records.get(0);
    if (!header.contains("path")) {
      throw new InputException(name + ": line 1: the header has no 'path' column");
    }
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      if (record.size() == 1 && record.get(0).isBlank()) {
        continue;
      }
      if (record.size() != header.size()) {
        throw new InputException(
            name
                + ": line "
                + recordLines.get(r)
                + ": "
                + record.size()
                + " fields, the header has "
                + header.size());
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        values.put(header.get(c).trim(), record.get(c));
      }
      put(name, "line " + recordLines.get(r), recordLines.get(r), values, rows, lines);
    }
  }

  public String name() {
    return name;
  }

  public int size() {
    return rows.size();
  }

  /** The metadata of {@code path}, or null when the table has no row for it. */
  public Meta get(String path) {
    return rows.get(path);
  }

  /** The paths the table describes. */
  public java.util.Set<String> paths() {
    return rows.keySet();
  }

  public int line(String path) {
    return lines.getOrDefault(path, 0);
  }

  /** A minimal RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes. */
  private static final class DelimitedReader {
    private final String name;
    private final String text;
    private final char delimiter;

    DelimitedReader(String name, String text, char delimiter) {
      this.name = name;
      this.text = text;
      this.delimiter = delimiter;
    }

    void readAll(List<List<String>> records, List<Integer> lines) {
      int line = 1;
      int i = 0;
      int n = text.length();
      if (n > 0 && text.charAt(0) == '\uFEFF') {
        i = 1;
      }
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int recordLine = line;
      boolean quoted = false;
      boolean any = false;
      while (i < n) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append(c);
          }
        } else if (c == '"' && field.length() == 0) {
          quoted = true;
          any = true;
        } else if (c == delimiter) {
          record.add(field.toString());
          field.setLength(0);
          any = true;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
            i++;
          }
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          lines.add(recordLine);
          record = new ArrayList<>();
          any = false;
          line++;
          recordLine = line;
        } else {
          field.append(c);
          any = true;
        }
        i++;
      }
      if (quoted) {
        throw new InputException(name + ": line " + recordLine + ": a quoted field is not closed");
      }
      if (any || field.length() > 0 || !record.isEmpty()) {
        record.add(field.toString());
        records.add(record);
        lines.add(recordLine);
      }
    }
  }
}
