package io.ctsuite.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy overall and per hospital, counted from an evaluation's per-clip results file.
 *
 * @param file the results (JSON lines from evaluate.py)
 * @param examples clips evaluated
 * @param correct clips predicted right
 * @param bySource per hospital: {correct, clips}
 */
record EvalSummary(Path file, int examples, int correct, Map<String, int[]> bySource) {

  static EvalSummary read(Path file) {
    int examples = 0;
    int correct = 0;
    Map<String, int[]> bySource = new TreeMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = Json.mapper().readTree(line);
        if (row == null || !row.has("correct") || !row.has("source")) {
          throw new InputException(file + " line " + number + ": expected 'source' and 'correct'");
        }
        int right = row.get("correct").asInt();
        int[] counts = bySource.computeIfAbsent(row.get("source").asText(), s -> new int[2]);
        counts[0] += right;
        counts[1]++;
        correct += right;
        examples++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (examples == 0) {
      throw new InputException(file + ": no results");
    }
    return new EvalSummary(file, examples, correct, bySource);
  }

  double accuracy() {
    return (double) correct / examples;
  }

  double accuracy(String source) {
    int[] counts = bySource.get(source);
    return counts == null ? Double.NaN : (double) counts[0] / counts[1];
  }

  /** "0.871 on 906 clips (hospital-a 0.879 · hospital-b 0.887 · hospital-c 0.717)". */
  String describe() {
    StringBuilder text =
        new StringBuilder(String.format(Locale.ROOT, "%.3f on %d clips (", accuracy(), examples));
    String separator = "";
    for (Map.Entry<String, int[]> source : bySource.entrySet()) {
      text.append(separator)
          .append(source.getKey())
          .append(' ')
          .append(String.format(Locale.ROOT, "%.3f", accuracy(source.getKey())));
      separator = " · ";
    }
    return text.append(')').toString();
  }
}
