package io.ctsuite.datasets.policy;

import java.time.Duration;
import java.util.Locale;

/** Numbers as people read them: 1,320 files, 2.1 GB, 2.04×, 10 min. */
public final class Amounts {
  private Amounts() {}

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  public static String files(long n) {
    return count(n) + (n == 1 ? " file" : " files");
  }

  public static String bytes(long n) {
    double value = n;
    String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
    int unit = 0;
    while (Math.abs(value) >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return unit == 0
        ? n + " B"
        : String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  }

  public static String ratio(double r) {
    return Double.isInfinite(r) ? "∞×" : String.format(Locale.ROOT, "%.2f×", r);
  }

  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  public static String duration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return (seconds / 60) + " min";
    }
    if (seconds < 2 * 86400) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
    return String.format(Locale.ROOT, "%.1f days", seconds / 86400.0);
  }
}
