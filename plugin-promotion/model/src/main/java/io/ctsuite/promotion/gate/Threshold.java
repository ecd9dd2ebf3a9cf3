package io.ctsuite.promotion.gate;

import java.io.Serializable;

/**
 * An amount of change: absolute (0.01) or relative to the baseline's value ("1%").
 *
 * @param value the amount, or the fraction of the baseline when relative (0.01 for "1%")
 * @param relative whether the amount scales with the baseline
 */
public record Threshold(double value, boolean relative) implements Serializable {
  /** The absolute amount for a baseline value. */
  public double amount(double baseline) {
    return relative ? value * Math.abs(baseline) : value;
  }

  /** As written in a spec: "0.01" or "1%". */
  @Override
  public String toString() {
    return relative ? Numbers.format(value * 100) + "%" : Numbers.format(value);
  }
}
