package io.ctsuite.promotion.gate;

import io.ctsuite.core.InputException;
import io.ctsuite.promotion.stats.Xoshiro256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regression gate: compares a candidate with the baseline on the same test set, check by check
 * and slice by slice, and decides PASS, FAIL or INCONCLUSIVE.
 */
public final class Gate {
  private final GateSpec spec;

  public Gate(GateSpec spec) {
    this.spec = spec;
  }

  public GateSpec spec() {
    return spec;
  }

  /** Runs every check. Refuses results from different test sets. */
  public GateResult evaluate(Evaluation candidate, Evaluation baseline) {
    List<String> notes = new ArrayList<>();
    int[] pairing = TestSet.verify(spec, candidate, baseline, notes);
    List<CheckResult> rows = new ArrayList<>();
    for (CheckSpec check : spec.checks()) {
      MetricData data = MetricData.resolve(check, candidate, baseline, pairing);
      rows.add(judge(check, Criteria.of(check), data, null));
      if (check.slices() != null) {
        rows.addAll(slices(check, data, candidate, baseline, pairing));
      }
    }
    Integer examples = pairing == null ? null : pairing.length;
    String version =
        candidate.datasetVersion() != null ? candidate.datasetVersion() : baseline.datasetVersion();
    Verdict verdict = verdict(rows);
    return new GateResult(
        verdict,
        summary(verdict, rows),
        rows,
        candidate.sources(),
        baseline.sources(),
        version,
        examples,
        spec.seed(),
        notes);
  }

  private List<CheckResult> slices(
      CheckSpec check, MetricData data, Evaluation candidate, Evaluation baseline, int[] pairing) {
    if (!data.perExample()) {
      throw new InputException(
          check.path()
              + ".slices: needs per-example results of '"
              + check.metric()
              + "' from both models; only aggregate values were given");
    }
    SliceSpec slices = check.slices();
    Criteria criteria = Criteria.ofSlices(check);
    List<CheckResult> rows = new ArrayList<>();
    for (String columnName : slices.columns()) {
      String[] values = sliceValues(check, columnName, candidate, baseline, pairing);
      Map<String, List<Integer>> groups = new TreeMap<>();
      for (int r = 0; r < values.length; r++) {
        groups.computeIfAbsent(values[r], v -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
        MetricData subset = data.subset(group.getValue());
        String slice = columnName + "=" + group.getKey();
        if (subset.examples() < slices.minExamples()) {
          rows.add(skipped(check, criteria, subset, slice, slices.minExamples()));
        } else {
          rows.add(judge(check, criteria, subset, slice));
        }
      }
    }
    return rows;
  }

  private static String[] sliceValues(
      CheckSpec check,
      String columnName,
      Evaluation candidate,
      Evaluation baseline,
      int[] pairing) {
    ExampleTable cand = candidate.examples();
    ExampleTable base = baseline.examples();
    Column fromCandidate = cand.column(columnName);
    Column fromBaseline = base.column(columnName);
    if (fromCandidate == null && fromBaseline == null) {
      throw new InputException(
          check.path()
              + ".slices: no column '"
              + columnName
              + "' in "
              + cand.source()
              + " or "
              + base.source()
              + " (columns: "
              + String.join(", ", cand.columns().keySet())
              + ")");
    }
    String[] values = new String[cand.size()];
    for (int r = 0; r < values.length; r++) {
      String c = fromCandidate == null ? null : fromCandidate.text(r);
      String b = fromBaseline == null ? null : fromBaseline.text(pairing[r]);
      if (c != null && b != null && !c.equals(b)) {
        throw new InputException(
            base.source()
                + " line "
                + base.line(pairing[r])
                + ": slice column '"
                + columnName
                + "' of example '"
                + cand.id(r)
                + "' is '"
                + b
                + "' but the candidate ("
                + cand.source()
                + " line "
                + cand.line(r)
                + ") says '"
                + c
                + "'; both must describe the same test set");
      }
      String value = c != null ? c : b;
      values[r] = value == null || value.isBlank() ? "(none)" : value.strip();
    }
    return values;
  }

  private CheckResult judge(CheckSpec check, Criteria criteria, MetricData data, String slice) {
    String label = slice == null ? check.name() : check.name() + " [" + slice + "]";
    long seed = Xoshiro256.mix(spec.seed() ^ Xoshiro256.mix(label.hashCode()));
    Judgement judgement = new Judgement(check, criteria, data, seed);
    return new CheckResult(
        check.name(),
        check.metric(),
        slice,
        criteria.required(),
        check.better(),
        data.candidateValue(),
        data.baselineValue(),
        judgement.intervalLow(),
        judgement.intervalHigh(),
        judgement.pValue(),
        criteria.significance() == null ? null : criteria.significance().describe(),
        criteria.describe(check.path().startsWith("budgets")),
        judgement.outcome(),
        judgement.reason(),
        data.perExample() ? data.examples() : null);
  }

  private static CheckResult skipped(
      CheckSpec check, Criteria criteria, MetricData data, String slice, int minExamples) {
    return new CheckResult(
        check.name(),
        check.metric(),
        slice,
        criteria.required(),
        check.better(),
        data.candidateValue(),
        data.baselineValue(),
        null,
        null,
        null,
        null,
        criteria.describe(false),
        Outcome.SKIPPED,
        "Only "
            + data.examples()
            + (data.examples() == 1 ? " example" : " examples")
            + ", fewer than minExamples "
            + minExamples
            + "; not judged.",
        data.examples());
  }

  static Verdict verdict(List<CheckResult> rows) {
    Outcome worst = Outcome.PASS;
    for (CheckResult row : rows) {
      if (row.required()) {
        worst = Outcome.worst(worst, row.outcome());
      }
    }
    return switch (worst) {
      case FAIL -> Verdict.FAIL;
      case INCONCLUSIVE -> Verdict.INCONCLUSIVE;
      default -> Verdict.PASS;
    };
  }

  static String summary(Verdict verdict, List<CheckResult> rows) {
    List<String> failed = new ArrayList<>();
    List<String> inconclusive = new ArrayList<>();
    int required = 0;
    int advisoryFailed = 0;
    for (CheckResult row : rows) {
      if (!row.required()) {
        if (row.outcome() == Outcome.FAIL || row.outcome() == Outcome.INCONCLUSIVE) {
          advisoryFailed++;
        }
        continue;
      }
      if (row.outcome() == Outcome.SKIPPED) {
        continue;
      }
      required++;
      if (row.outcome() == Outcome.FAIL) {
        failed.add(row.label());
      } else if (row.outcome() == Outcome.INCONCLUSIVE) {
        inconclusive.add(row.label());
      }
    }
    String advisory =
        advisoryFailed == 0
            ? ""
            : " "
                + advisoryFailed
                + " advisory "
                + (advisoryFailed == 1 ? "row" : "rows")
                + " did not pass.";
    return switch (verdict) {
      case PASS ->
          (required == 1
                  ? "The required check passed."
                  : "All " + required + " required checks passed.")
              + advisory;
      case FAIL ->
          failed.size()
              + " of "
              + required
              + " required "
              + (required == 1 ? "check" : "checks")
              + " failed: "
              + String.join(", ", failed)
              + "."
              + advisory;
      case INCONCLUSIVE ->
          "No required check failed, but "
              + inconclusive.size()
              + (inconclusive.size() == 1 ? " is" : " are")
              + " inconclusive: "
              + String.join(", ", inconclusive)
              + "."
              + advisory;
    };
  }
}
