package io.ctsuite.promotion.gate;

import io.ctsuite.core.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure that candidate and baseline were evaluated on the same test set, and pairs their
 * per-example rows.
 */
final class TestSet {
  private static final int EXAMPLES_SHOWN = 3;

  private TestSet() {}

  /**
   * Refuses results from different test sets; returns, for each candidate row, the baseline row of
   * the same example (null when either has no per-example results).
   */
  static int[] verify(
      GateSpec spec, Evaluation candidate, Evaluation baseline, List<String> notes) {
    verifyVersions(spec, candidate, baseline, notes);
    ExampleTable cand = candidate.examples();
    ExampleTable base = baseline.examples();
    if (cand == null || base == null) {
      if (cand != null || base != null) {
        Evaluation with = cand != null ? candidate : baseline;
        notes.add(
            "Only the "
                + with.label()
                + " has per-example results, so the example ids could not be compared.");
      }
      return null;
    }
    if (!cand.idColumn().equals(base.idColumn())) {
      notes.add(
          "Examples are matched by '"
              + cand.idColumn()
              + "' in the candidate and '"
              + base.idColumn()
              + "' in the baseline.");
    }
    List<String> onlyCandidate = new ArrayList<>();
    int[] baselineRow = new int[cand.size()];
    for (int r = 0; r < cand.size(); r++) {
      baselineRow[r] = base.rowOf(cand.id(r));
      if (baselineRow[r] < 0) {
        onlyCandidate.add(cand.id(r));
      }
    }
    List<String> onlyBaseline = new ArrayList<>();
    for (int r = 0; r < base.size(); r++) {
      if (cand.rowOf(base.id(r)) < 0) {
        onlyBaseline.add(base.id(r));
      }
    }
    if (!onlyCandidate.isEmpty() || !onlyBaseline.isEmpty()) {
      throw new DifferentTestSetsException(
          "candidate and baseline were evaluated on different examples, so their results cannot be"
              + " compared: "
              + count(onlyCandidate, "only in the candidate (" + cand.source() + ")")
              + (onlyCandidate.isEmpty() || onlyBaseline.isEmpty() ? "" : "; ")
              + count(onlyBaseline, "only in the baseline (" + base.source() + ")")
              + ". Evaluate both models on the same test set.");
    }
    return baselineRow;
  }

  private static void verifyVersions(
      GateSpec spec, Evaluation candidate, Evaluation baseline, List<String> notes) {
    String cand = candidate.datasetVersion();
    String base = baseline.datasetVersion();
    if (cand != null && base != null) {
      if (!cand.equals(base)) {
        throw new DifferentTestSetsException(
            "candidate and baseline come from different test sets: dataset version '"
                + cand
                + "' ("
                + String.join(", ", candidate.sources())
                + ") is not '"
                + base
                + "' ("
                + String.join(", ", baseline.sources())
                + "). Evaluate both models on the same test-set version.");
      }
      return;
    }
    List<String> missing = new ArrayList<>();
    if (cand == null) {
      missing.add(candidate.describe());
    }
    if (base == null) {
      missing.add(baseline.describe());
    }
    if (spec.requireDatasetVersion()) {
      throw new InputException(
          "the gate spec requires a dataset version (requireDatasetVersion), but "
              + String.join(" and ", missing)
              + (missing.size() == 1 ? " does" : " do")
              + " not state one (dataset_version in the metrics JSON or a dataset_version column)");
    }
    boolean idsComparable = candidate.examples() != null && baseline.examples() != null;
    String who =
        missing.size() == 2
            ? "Neither result states"
            : "The " + (cand == null ? "candidate" : "baseline") + " does not state";
    notes.add(
        who
            + " the dataset version of its test set; "
            + (idsComparable
                ? "only the example ids could be compared."
                : "the gate cannot tell whether both used the same test set."));
  }

  private static String count(List<String> ids, String where) {
    if (ids.isEmpty()) {
      return "";
    }
    List<String> shown = ids.subList(0, Math.min(EXAMPLES_SHOWN, ids.size()));
    return ids.size()
        + (ids.size() == 1 ? " example " : " examples ")
        + where
        + ", e.g. '"
        + String.join("', '", shown)
        + "'";
  }
}
