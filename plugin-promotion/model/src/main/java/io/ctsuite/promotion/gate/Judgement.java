package io.ctsuite.promotion.gate;

import io.ctsuite.promotion.stats.Interval;
import io.ctsuite.promotion.stats.McNemar;
import io.ctsuite.promotion.stats.PairedBootstrap;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one row against its criteria. Every requirement yields an outcome and a reason in words;
 * the row takes the worst outcome.
 *
 * <p>With a significance requirement, a change is judged by its evidence. For the bootstrap, by
 * where the confidence interval of the improvement lies relative to the threshold: wholly on the
 * right side passes, wholly on the wrong side fails, straddling it is inconclusive — except that a
 * maximum regression fails only when the regression beyond the allowance is significant. McNemar's
 * test says only whether the models differ at all, so there the threshold is applied to the point
 * estimate and the test decides whether the change is real.
 */
final class Judgement {
  private final CheckSpec check;
  private final Criteria criteria;
  private final MetricData data;
  private final double gain;
  private Interval interval;
  private McNemar.Result mcnemar;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();

  Judgement(CheckSpec check, Criteria criteria, MetricData data, long seed) {
    this.check = check;
    this.criteria = criteria;
    this.data = data;
    this.gain = criteria.better().gain(data.candidateValue() - data.baselineValue());
    Significance significance = criteria.significance();
    if (significance != null) {
      if (significance.test() == Significance.Test.BOOTSTRAP) {
        interval =
            new PairedBootstrap(significance.resamples(), significance.alpha(), seed)
                .meanDifference(data.candidate(), data.baseline());
      } else {
        mcnemar = McNemar.test(data.candidate(), data.baseline(), significance.method());
      }
    }
    judgeBounds();
    judgeChange();
    if (outcomes.isEmpty()) {
      add(Outcome.PASS, "no requirement applies here; shown for information");
    }
  }

  Double intervalLow() {
    return interval == null ? null : interval.low();
  }

  Double intervalHigh() {
    return interval == null ? null : interval.high();
  }

  Double pValue() {
    return mcnemar == null ? null : mcnemar.pValue();
  }

  Outcome outcome() {
    Outcome worst = Outcome.PASS;
    for (Outcome outcome : outcomes) {
      worst = Outcome.worst(worst, outcome);
    }
    return worst;
  }

  /**
   * The reasons behind the outcome: all of them for a pass, else only the ones that did not pass.
   */
  String reason() {
    Outcome worst = outcome();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (worst == Outcome.PASS || outcomes.get(i) == worst) {
        shown.add(reasons.get(i));
      }
    }
    String text = String.join("; ", shown);
    return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
  }

  private void add(Outcome outcome, String reason) {
    outcomes.add(outcome);
    reasons.add(reason);
  }

  private void judgeBounds() {
    double value = data.candidateValue();
    String shown = Numbers.format(value);
    if (criteria.floor() != null) {
      String floor = Numbers.format(criteria.floor());
      if (value >= criteria.floor()) {
        add(Outcome.PASS, shown + " is at or above the floor " + floor);
      } else {
        add(Outcome.FAIL, shown + " is below the floor " + floor);
      }
    }
    if (criteria.ceiling() != null) {
      String what = check.path().startsWith("budgets") ? "the budget " : "the ceiling ";
      String ceiling = Numbers.format(criteria.ceiling());
      if (value <= criteria.ceiling()) {
        add(Outcome.PASS, shown + " is within " + what + ceiling);
      } else {
        add(Outcome.FAIL, shown + " exceeds " + what + ceiling);
      }
    }
  }

  private void judgeChange() {
    if (criteria.maxRegression() != null) {
      judgeMaxRegression(criteria.maxRegression());
    }
    if (criteria.minImprovement() != null) {
      judgeMinImprovement(criteria.minImprovement());
    }
    if (criteria.significance() != null
        && criteria.maxRegression() == null
        && criteria.minImprovement() == null) {
      judgeNoSignificantRegression();
    }
  }

  private void judgeMaxRegression(Threshold threshold) {
    double allowed = threshold.amount(data.baselineValue());
    String limit = "the allowed regression of " + thresholdText(threshold, allowed);
    if (gain >= -allowed) {
      add(Outcome.PASS, change() + ", within " + limit);
      return;
    }
    String beyond = change() + ", more than " + limit;
    if (interval != null) {
      if (improvementHigh() < -allowed) {
        add(Outcome.FAIL, beyond + ", and the " + intervalWords() + " lies wholly beyond it");
      } else {
        add(
            Outcome.INCONCLUSIVE,
            beyond + ", but not significantly: the " + intervalWords() + " reaches within it");
      }
    } else if (mcnemar != null) {
      if (significant()) {
        add(Outcome.FAIL, beyond + ", significantly (" + pText() + ")");
      } else {
        add(Outcome.INCONCLUSIVE, beyond + ", but not significantly (" + pText() + ")");
      }
    } else {
      add(Outcome.FAIL, beyond);
    }
  }

  private void judgeMinImprovement(Threshold threshold) {
    double required = threshold.amount(data.baselineValue());
    String need = "the required improvement of " + thresholdText(threshold, required);
    if (interval != null) {
      if (improvementLow() > required) {
        add(Outcome.PASS, change() + "; the " + intervalWords() + " lies above " + need);
      } else if (improvementHigh() < required) {
        add(Outcome.FAIL, change() + "; the " + intervalWords() + " lies below " + need);
      } else {
        add(
            Outcome.INCONCLUSIVE,
            change()
                + ", not significantly more than "
                + need
                + ": the "
                + intervalWords()
                + " includes it");
      }
    } else if (mcnemar != null) {
      if (!significant()) {
        add(Outcome.INCONCLUSIVE, change() + ", not significant (" + pText() + ")");
      } else if (gain >= required && gain > 0) {
        add(Outcome.PASS, change() + ", significantly (" + pText() + "), at least " + need);
      } else {
        add(Outcome.FAIL, change() + " (" + pText() + "), short of " + need);
      }
    } else if (gain >= required) {
      add(Outcome.PASS, change() + ", at least " + need);
    } else {
      add(Outcome.FAIL, change() + ", less than " + need);
    }
  }

  private void judgeNoSignificantRegression() {
    if (interval != null) {
      if (improvementHigh() < 0) {
        add(Outcome.FAIL, change() + ", significantly: the " + intervalWords() + " is below 0");
      } else {
        add(Outcome.PASS, change() + "; no significant regression (" + intervalWords() + ")");
      }
    } else if (significant() && gain < 0) {
      add(Outcome.FAIL, change() + ", significantly (" + pText() + ")");
    } else {
      add(Outcome.PASS, change() + "; no significant regression (" + pText() + ")");
    }
  }

  /** "improved by 0.0125", "regressed by 3", "unchanged". */
  private String change() {
    double difference = Math.abs(data.candidateValue() - data.baselineValue());
    if (gain > 0) {
      return "improved by " + Numbers.format(difference);
    }
    if (gain < 0) {
      return "regressed by " + Numbers.format(difference);
    }
    return "unchanged";
  }

  private static String thresholdText(Threshold threshold, double amount) {
    return threshold.relative()
        ? threshold + " (" + Numbers.format(amount) + ")"
        : threshold.toString();
  }

  // The interval of the improvement: the interval of the difference, turned round for metrics
  // where lower is better.
  private double improvementLow() {
    return criteria.better() == Direction.HIGHER ? interval.low() : -interval.high();
  }

  private double improvementHigh() {
    return criteria.better() == Direction.HIGHER ? interval.high() : -interval.low();
  }

  private String intervalWords() {
    return Numbers.format(interval.confidence() * 100)
        + "% interval of the improvement ["
        + Numbers.format(improvementLow())
        + ", "
        + Numbers.format(improvementHigh())
        + "]";
  }

  private boolean significant() {
    return mcnemar != null && mcnemar.pValue() < criteria.significance().alpha();
  }

  private String pText() {
    return "McNemar p = "
        + Numbers.format(mcnemar.pValue())
        + (significant() ? " < " : " >= ")
        + Numbers.format(criteria.significance().alpha());
  }
}
