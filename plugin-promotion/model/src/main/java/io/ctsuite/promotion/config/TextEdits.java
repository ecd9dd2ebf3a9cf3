package io.ctsuite.promotion.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replacements of character ranges in a text, applied together. */
final class TextEdits {
  private record Edit(int start, int end, String replacement, int order) {}

  private final List<Edit> edits = new ArrayList<>();

  void replace(int start, int end, String replacement) {
    edits.add(new Edit(start, end, replacement, edits.size()));
  }

  void insert(int at, String text) {
    replace(at, at, text);
  }

  boolean isEmpty() {
    return edits.isEmpty();
  }

  String applyTo(String text) {
    List<Edit> sorted = new ArrayList<>(edits);
    // from the end backwards, so that earlier offsets stay valid; insertions at one point keep
    // the order they were made in
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::order).reversed());
    StringBuilder out = new StringBuilder(text);
    int limit = Integer.MAX_VALUE;
    for (Edit edit : sorted) {
      if (edit.end() > limit) {
        throw new IllegalStateException("overlapping edits at offset " + edit.start());
      }
      out.replace(edit.start(), edit.end(), edit.replacement());
      limit = edit.start();
    }
    return out.toString();
  }
}
