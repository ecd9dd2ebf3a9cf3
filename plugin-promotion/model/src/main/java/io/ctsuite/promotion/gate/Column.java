package io.ctsuite.promotion.gate;

import java.util.Locale;

/**
 * One column of per-example results: its text as read, and its numbers when every non-empty value
 * is a number or a boolean (true/false, yes/no count as 1/0).
 */
public final class Column {
  private final String name;
  private final String[] text;
  private final double[] numbers;
  private final boolean binary;

  Column(String name, String[] text) {
    this.name = name;
    this.text = text;
    this.numbers = parse(text);
    boolean allBinary = numbers != null;
    if (numbers != null) {
      for (double v : numbers) {
        if (!Double.isNaN(v) && v != 0 && v != 1) {
          allBinary = false;
          break;
        }
      }
    }
    this.binary = allBinary;
  }

  public String name() {
    return name;
  }

  public String text(int row) {
    return text[row];
  }

  public boolean isNumeric() {
    return numbers != null;
  }

  /** Whether every value is 0 or 1 (correct/incorrect), as McNemar's test needs. */
  public boolean isBinary() {
    return binary;
  }

  /** The value of a row, NaN where it is empty; only for numeric columns. */
  public double number(int row) {
    return numbers[row];
  }

  String[] texts() {
    return text;
  }

  private static double[] parse(String[] text) {
    double[] values = new double[text.length];
    boolean any = false;
    for (int i = 0; i < text.length; i++) {
      String value = text[i] == null ? "" : text[i].strip();
      if (value.isEmpty()) {
        values[i] = Double.NaN;
        continue;
      }
      Double number = toNumber(value);
      if (number == null) {
        return null;
      }
      values[i] = number;
      any = true;
    }
    return any ? values : null;
  }

  static Double toNumber(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
        return 1.0;
      case "false":
      case "no":
        return 0.0;
      case "nan":
        return Double.NaN;
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    char first = value.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return null; // also keeps Java-only spellings such as "0x1p3" or "1d" out
    }
    char last = value.charAt(value.length() - 1);
    if (!(Character.isDigit(last) || last == '.')) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
