package io.ctsuite.promotion.gate;

import java.util.ArrayList;
import java.util.List;

/** The requirements one row of the table is judged by: a check's own, or its slices'. */
record Criteria(
    Direction better,
    Double floor,
    Double ceiling,
    Threshold maxRegression,
    Threshold minImprovement,
    Significance significance,
    boolean required) {

  static Criteria of(CheckSpec check) {
    return new Criteria(
        check.better(),
        check.floor(),
        check.ceiling(),
        check.maxRegression(),
        check.minImprovement(),
        check.significance(),
        check.required());
  }

  /** Slices inherit bounds and the allowed regression, not the required improvement. */
  static Criteria ofSlices(CheckSpec check) {
    SliceSpec slices = check.slices();
    return new Criteria(
        check.better(),
        slices.floor() != null ? slices.floor() : check.floor(),
        slices.ceiling() != null ? slices.ceiling() : check.ceiling(),
        slices.maxRegression() != null ? slices.maxRegression() : check.maxRegression(),
        slices.minImprovement(),
        check.significance(),
        slices.required() != null ? slices.required() : check.required());
  }

  boolean judgesChange() {
    return maxRegression != null || minImprovement != null || significance != null;
  }

  /** In words, e.g. "floor 0.75; max regression 1%; min improvement 0". */
  String describe(boolean budget) {
    List<String> parts = new ArrayList<>();
    if (floor != null) {
      parts.add("floor " + Numbers.format(floor));
    }
    if (ceiling != null) {
      parts.add((budget ? "budget " : "ceiling ") + Numbers.format(ceiling));
    }
    if (maxRegression != null) {
      parts.add("max regression " + maxRegression);
    }
    if (minImprovement != null) {
      parts.add("min improvement " + minImprovement);
    }
    if (significance != null && minImprovement == null && maxRegression == null) {
      parts.add("no significant regression");
    }
    return String.join("; ", parts);
  }
}
