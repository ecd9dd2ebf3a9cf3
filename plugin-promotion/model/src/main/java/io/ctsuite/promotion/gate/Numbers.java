package io.ctsuite.promotion.gate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number formatting for reports: short, locale-independent and stable. */
public final class Numbers {
  private Numbers() {}

  /** Four significant digits (at most 4 decimals for values below 1000), no trailing zeros. */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal decimal = new BigDecimal(value);
    if (Math.abs(value) >= 1000) {
      decimal = decimal.setScale(0, RoundingMode.HALF_EVEN);
    } else {
      decimal = decimal.round(new MathContext(4, RoundingMode.HALF_EVEN));
      if (decimal.scale() > 6) {
        decimal = decimal.setScale(6, RoundingMode.HALF_EVEN);
      }
    }
    String text = decimal.stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /** As {@link #format} with a sign: "+0.0125", "-3", "0". */
  public static String signed(double value) {
    String text = format(value);
    return value > 0 && !text.equals("0") ? "+" + text : text;
  }
}
