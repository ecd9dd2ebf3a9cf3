package io.ctsuite.gpu;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in labels and settings: 90s, 15m, 6h, 2d, 1h30m. */
public final class Durations {
  private static final Pattern DURATION =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private Durations() {}

  /** The duration, or null when the text is not one (the caller names the field in its error). */
  public static Duration parseOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    return Duration.ofDays(number(m.group(1)))
        .plusHours(number(m.group(2)))
        .plusMinutes(number(m.group(3)))
        .plusSeconds(number(m.group(4)));
  }

  /** Parses {@code text}; a bad value is an input error naming {@code field}. */
  public static Duration parse(String text, String field) {
    Duration duration = parseOrNull(text);
    if (duration == null) {
      throw new io.ctsuite.core.InputException(
          field + ": '" + text + "' is not a duration; write e.g. 90s, 15m, 6h, 2d or 1h30m");
    }
    return duration;
  }

  /** The shortest text {@link #parse} reads back: 5400 s becomes 1h30m. */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    StringBuilder text = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (seconds >= units[i]) {
        text.append(seconds / units[i]).append(names[i]);
        seconds %= units[i];
      }
    }
    return text.length() == 0 ? "0s" : text.toString();
  }

  /** Words for people: "47 min", "3 h 5 min", "40 s". */
  public static String words(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
    return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
