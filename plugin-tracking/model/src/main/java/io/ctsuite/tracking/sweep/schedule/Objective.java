package io.ctsuite.tracking.sweep.schedule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;

/**
 * The metric a sweep optimises and its direction. Values are compared through a score that is
 * larger when better; NaN (a diverged run) scores worst, so a trial that produced NaN never beats
 * one that produced a number.
 */
public record Objective(String metric, Mode mode) {
  public Objective {
    if (metric == null || metric.isBlank()) {
      throw new io.ctsuite.core.InputException("metric: name the metric to optimise, e.g. val/acc");
    }
    if (mode == null) {
      throw new io.ctsuite.core.InputException("mode: give max or min");
    }
  }

  /** Larger is better; NaN is the worst score. */
  public double score(double value) {
    if (Double.isNaN(value)) {
      return Double.NEGATIVE_INFINITY;
    }
    return mode == Mode.MAX ? value : -value;
  }

  /** Whether {@code a} is strictly better than {@code b}. */
  public boolean better(double a, double b) {
    return score(a) > score(b);
  }

  /** Orders values best first. */
  public Comparator<Double> bestFirst() {
    return (a, b) -> Double.compare(score(b), score(a));
  }

  /** "below" for a maximised metric, "above" for a minimised one: how a loser compares. */
  public String worseWord() {
    return mode == Mode.MAX ? "below" : "above";
  }

  /** "≥" or "≤": how a winner compares. */
  public String atLeastWord() {
    return mode == Mode.MAX ? "≥" : "≤";
  }

  /** A value with four significant digits, for explanations and tables. */
  public static String brief(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e9) {
      return rounded.toPlainString();
    }
    return rounded.toString().replace("E", "e").replace("e+", "e");
  }
}
