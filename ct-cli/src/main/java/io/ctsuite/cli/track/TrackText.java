package io.ctsuite.cli.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.run.Metrics;
import io.ctsuite.tracking.run.ParamValues;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Formatting shared by the track commands. */
final class TrackText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private TrackText() {}

  static String number(double v) {
    if (!Double.isFinite(v)) {
      return Metrics.format(v);
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e12) {
      return Long.toString((long) v);
    }
    if (a != 0 && (a < 1e-4 || a >= 1e9)) {
      return String.format("%.4e", v);
    }
    String s = String.format("%.6f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  static String delta(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return (v > 0 ? "+" : "") + number(v);
  }

  static String value(Object v) {
    return v == null ? "" : ParamValues.format(v);
  }

  static String time(Long epochMillis) {
    return epochMillis == null ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  static String duration(Long from, Long to) {
    if (from == null || to == null) {
      return "";
    }
    Duration d = Duration.ofMillis(to - from);
    if (d.toHours() > 0) {
      return String.format("%dh%02dm%02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
    if (d.toMinutes() > 0) {
      return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
    return String.format("%.1fs", d.toMillis() / 1000.0);
  }

  static void json(PrintWriter out, Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code key=value} options into a map, naming the option of a malformed one. */
  static Map<String, String> pairs(List<String> items, String option) {
    Map<String, String> map = new LinkedHashMap<>();
    if (items == null) {
      return map;
    }
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new InputException(option + " '" + item + "': expected KEY=VALUE");
      }
      map.put(item.substring(0, eq), item.substring(eq + 1));
    }
    return map;
  }
}
