package io.ctsuite.promotion.gate;

import io.ctsuite.core.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one metric for both models: per-example values paired by example (when both have
 * them) and the overall values.
 */
final class MetricData {
  private final double[] candidate;
  private final double[] baseline;
  private final double candidateValue;
  private final double baselineValue;
  private final boolean binary;

  private MetricData(
      double[] candidate,
      double[] baseline,
      double candidateValue,
      double baselineValue,
      boolean binary) {
    this.candidate = candidate;
    this.baseline = baseline;
    this.candidateValue = candidateValue;
    this.baselineValue = baselineValue;
    this.binary = binary;
  }

  boolean perExample() {
    return candidate != null;
  }

  int examples() {
    return candidate == null ? 0 : candidate.length;
  }

  double[] candidate() {
    return candidate;
  }

  double[] baseline() {
    return baseline;
  }

  double candidateValue() {
    return candidateValue;
  }

  double baselineValue() {
    return baselineValue;
  }

  /** Whether every paired value is 0 or 1, as McNemar's test needs. */
  boolean binary() {
    return binary;
  }

  MetricData subset(List<Integer> rows) {
    double[] cand = new double[rows.size()];
    double[] base = new double[rows.size()];
    for (int i = 0; i < cand.length; i++) {
      cand[i] = candidate[rows.get(i)];
      base[i] = baseline[rows.get(i)];
    }
    return new MetricData(cand, base, mean(cand), mean(base), binary);
  }

  /**
   * Finds the metric: a per-example column in both results (averaged), else an aggregate metric.
   * Significance and slices need per-example values from both models.
   */
  static MetricData resolve(
      CheckSpec check, Evaluation candidate, Evaluation baseline, int[] pairing) {
    String metric = check.metric();
    Column candColumn = numericColumn(check, candidate);
    Column baseColumn = numericColumn(check, baseline);
    if (candColumn != null && baseColumn != null && pairing != null) {
      ExampleTable cand = candidate.examples();
      ExampleTable base = baseline.examples();
      double[] c = new double[cand.size()];
      double[] b = new double[cand.size()];
      for (int r = 0; r < c.length; r++) {
        c[r] = value(check, cand, candColumn, r);
        b[r] = value(check, base, baseColumn, pairing[r]);
      }
      MetricData data =
          new MetricData(c, b, mean(c), mean(b), candColumn.isBinary() && baseColumn.isBinary());
      requireBinaryForMcNemar(check, data, candidate, baseline);
      return data;
    }
    Double candValue =
        candColumn != null
            ? (Double) mean(candidate.examples(), candColumn)
            : candidate.metrics().get(metric);
    Double baseValue =
        baseColumn != null
            ? (Double) mean(baseline.examples(), baseColumn)
            : baseline.metrics().get(metric);
    if (candValue == null) {
      throw missing(check, candidate);
    }
    if (baseValue == null) {
      throw missing(check, baseline);
    }
    if (check.significance() != null) {
      throw new InputException(
          check.path()
              + ".significance: needs per-example results of '"
              + metric
              + "' from both models; "
              + (candColumn == null && baseColumn == null
                  ? "only aggregate values were given"
                  : "only the " + (candColumn != null ? "candidate" : "baseline") + " has them"));
    }
    return new MetricData(null, null, candValue, baseValue, false);
  }

  private static void requireBinaryForMcNemar(
      CheckSpec check, MetricData data, Evaluation candidate, Evaluation baseline) {
    if (check.significance() == null
        || check.significance().test() != Significance.Test.MCNEMAR
        || data.binary) {
      return;
    }
    Evaluation offender =
        candidate.examples().column(check.metric()).isBinary() ? baseline : candidate;
    throw new InputException(
        check.path()
            + ".significance: McNemar's test needs correct/incorrect values (0 or 1), but '"
            + check.metric()
            + "' in "
            + offender.examples().source()
            + " has other values; use test: bootstrap for scores");
  }

  private static Column numericColumn(CheckSpec check, Evaluation evaluation) {
    ExampleTable table = evaluation.examples();
    if (table == null) {
      return null;
    }
    Column column = table.column(check.metric());
    if (column == null) {
      return null;
    }
    if (!column.isNumeric()) {
      int row = firstNonNumeric(column, table.size());
      throw new InputException(
          table.source()
              + " line "
              + table.line(row)
              + ": column '"
              + check.metric()
              + "' ("
              + check.path()
              + ".metric) must hold numbers or true/false, not '"
              + abbreviate(column.text(row))
              + "'");
    }
    return column;
  }

  private static int firstNonNumeric(Column column, int rows) {
    for (int r = 0; r < rows; r++) {
      String text = column.text(r);
      if (text != null && !text.isBlank() && Column.toNumber(text.strip()) == null) {
        return r;
      }
    }
    return 0;
  }

  private static double value(CheckSpec check, ExampleTable table, Column column, int row) {
    double value = column.number(row);
    if (Double.isNaN(value)) {
      throw new InputException(
          table.source()
              + " line "
              + table.line(row)
              + ": example '"
              + abbreviate(table.id(row))
              + "' has no value for '"
              + check.metric()
              + "'");
    }
    return value;
  }

  private static double mean(ExampleTable table, Column column) {
    double sum = 0;
    int n = 0;
    for (int r = 0; r < table.size(); r++) {
      double v = column.number(r);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? Double.NaN : sum / values.length;
  }

  private static InputException missing(CheckSpec check, Evaluation evaluation) {
    List<String> perExample =
        evaluation.examples() == null ? List.of() : evaluation.examples().metricNames();
    List<String> available = new ArrayList<>(perExample);
    for (String name : evaluation.metrics().keySet()) {
      if (!available.contains(name)) {
        available.add(name);
      }
    }
    return new InputException(
        check.path()
            + ".metric: '"
            + check.metric()
            + "' is not in the "
            + evaluation.describe()
            + (available.isEmpty() ? "" : "; it has " + String.join(", ", available)));
  }

  private static String abbreviate(String text) {
    String line = text == null ? "" : text.replace('\n', ' ');
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }
}
