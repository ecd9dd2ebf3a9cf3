package io.ctsuite.promotion.config;

import io.ctsuite.core.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dotted path to a key in a config file, e.g. {@code models.phase-recognition}; a segment that
 * holds dots is written in double quotes: {@code models."resnet-1.5"}.
 */
public record KeyPath(List<String> segments) {
  public KeyPath {
    segments = List.copyOf(segments);
  }

  public static KeyPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InputException("the key path is empty; give one like models.phase-recognition");
    }
    List<String> segments = new ArrayList<>();
    StringBuilder segment = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        wasQuoted = true;
      } else if (c == '.' && !quoted) {
        add(text, segments, segment, wasQuoted);
        segment.setLength(0);
        wasQuoted = false;
      } else {
        segment.append(c);
      }
    }
    if (quoted) {
      throw new InputException("key path " + text + ": a quote is not closed");
    }
    add(text, segments, segment, wasQuoted);
    return new KeyPath(segments);
  }

  private static void add(
      String text, List<String> segments, StringBuilder segment, boolean quoted) {
    if (segment.length() == 0 && !quoted) {
      throw new InputException("key path " + text + ": has an empty segment");
    }
    segments.add(segment.toString());
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (String segment : segments) {
      text.append(text.length() == 0 ? "" : ".");
      text.append(segment.contains(".") ? "\"" + segment + "\"" : segment);
    }
    return text.toString();
  }
}
