package io.ctsuite.promotion.gate;

import java.io.Serializable;
import java.util.List;

/**
 * The per-slice version of a check: the check repeated within each value of each slice column. By
 * default a slice inherits the check's floor, ceiling and maximum regression but not its minimum
 * improvement ("no slice may regress more than x"); each can be set for slices alone.
 *
 * @param columns the slice columns; each is sliced on its own
 * @param floor absolute lower bound for each slice, or null
 * @param ceiling absolute upper bound for each slice, or null
 * @param maxRegression allowed regression within each slice, or null
 * @param minImprovement required improvement within each slice, or null
 * @param minExamples slices with fewer examples are reported but not judged
 * @param required whether slice rows count for the verdict; null inherits the check's
 */
public record SliceSpec(
    List<String> columns,
    Double floor,
    Double ceiling,
    Threshold maxRegression,
    Threshold minImprovement,
    int minExamples,
    Boolean required)
    implements Serializable {

  public SliceSpec {
    columns = List.copyOf(columns);
  }
}
