package io.ctsuite.tracking.sweep.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020), in its stopping form.
 *
 * <p>Rungs sit at {@code grace_period · η^k} units of the time attribute, below {@code max_t}. When
 * a trial first reports at or past a rung, its value is recorded there and compared with every
 * value recorded at that rung so far: it is promoted (keeps running) if it ranks among the top
 * {@code ⌈n/η⌉} of the {@code n} values, otherwise it is stopped. Nothing waits for a rung to fill:
 * that is what makes it asynchronous, and it keeps every worker busy. The paper's variant pauses
 * losers and may promote them later; trial processes here cannot be paused and resumed, so a loser
 * is stopped at once, as in Ray Tune's ASHA. A trial reaching {@code max_t} completes.
 */
public final class AshaScheduler implements TrialScheduler {
  private final Objective objective;
  private final String timeAttr;
  private final double maxT;
  private final double gracePeriod;
  private final int reductionFactor;
  private final double[] milestones;

  /** Per rung, trial number → recorded value, in arrival order. */
  private final List<Map<Integer, Double>> rungs = new ArrayList<>();

  /** Per rung, the recorded values' scores, best first. */
  private final List<RankedScores> ranks = new ArrayList<>();

  public AshaScheduler(
      Objective objective, String timeAttr, double maxT, double gracePeriod, int reductionFactor) {
    this.objective = objective;
    this.timeAttr = timeAttr;
    this.maxT = maxT;
    this.gracePeriod = gracePeriod;
    this.reductionFactor = reductionFactor;
    this.milestones = milestones(maxT, gracePeriod, reductionFactor);
    for (int i = 0; i < milestones.length; i++) {
      rungs.add(new LinkedHashMap<>());
      ranks.add(new RankedScores());
    }
  }

  /** The rungs: {@code grace · η^k} strictly below {@code max_t}. */
  static double[] milestones(double maxT, double grace, int eta) {
    List<Double> list = new ArrayList<>();
    for (double m = grace; m < maxT; m *= eta) {
      list.add(m);
    }
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The rung milestones, ascending. */
  public double[] milestones() {
    return milestones.clone();
  }

  @Override
  public Decision onReport(int trial, double time, double value) {
    if (time >= maxT) {
      return new Decision(
          Decision.Action.COMPLETE,
          trial,
          time,
          value,
          Double.NaN,
          Double.NaN,
          "completed at "
              + timeAttr
              + " "
              + ParamFormat.format(time)
              + ": reached max_t "
              + ParamFormat.format(maxT)
              + " with "
              + objective.metric()
              + " "
              + Objective.brief(value));
    }
    for (int r = milestones.length - 1; r >= 0; r--) {
      if (time < milestones[r]) {
        continue;
      }
      Map<Integer, Double> rung = rungs.get(r);
      if (rung.containsKey(trial)) {
        // decided at this rung already; the next decision comes at the next rung
        return Decision.proceed(trial, time, value);
      }
      rung.put(trial, value);
      return decideAtRung(trial, time, value, milestones[r], rung);
    }
    return Decision.proceed(trial, time, value);
  }

  private Decision decideAtRung(
      int trial, double time, double value, double milestone, Map<Integer, Double> rung) {
    RankedScores ranked = ranks.get(indexOf(milestone));
    double score = objective.score(value);
    ranked.add(score);
    int n = ranked.size();
    int keep = (n + reductionFactor - 1) / reductionFactor;
    double cutoffScore = ranked.best(keep);
    double cutoff = unscore(cutoffScore, rung);
    int rank = ranked.rankOf(score);
    String at = "at " + timeAttr + " " + ParamFormat.format(time);
    String metricValue = objective.metric() + " " + Objective.brief(value);
    String rungName = "rung-" + ParamFormat.format(milestone);
    String standing =
        " (rank "
            + rank
            + " of "
            + n
            + "; the top "
            + keep
            + " continue, 1/"
            + reductionFactor
            + ")";
    boolean promoted = score >= cutoffScore;
    if (n == 1) {
      return new Decision(
          Decision.Action.CONTINUE,
          trial,
          time,
          value,
          milestone,
          Double.NaN,
          "passed " + rungName + " " + at + ": " + metricValue + ", the first result at this rung");
    }
    if (promoted) {
      return new Decision(
          Decision.Action.CONTINUE,
          trial,
          time,
          value,
          milestone,
          cutoff,
          "passed "
              + rungName
              + " "
              + at
              + ": "
              + metricValue
              + " "
              + objective.atLeastWord()
              + " cutoff "
              + Objective.brief(cutoff)
              + standing);
    }
    return new Decision(
        Decision.Action.STOP,
        trial,
        time,
        value,
        milestone,
        cutoff,
        "stopped "
            + at
            + ": "
            + metricValue
            + " "
            + objective.worseWord()
            + " "
            + rungName
            + " cutoff "
            + Objective.brief(cutoff)
            + standing);
  }

  /** The value whose score is {@code score}: NaN scores worst, so it maps back to NaN. */
  private double unscore(double score, Map<Integer, Double> rung) {
    if (score == Double.NEGATIVE_INFINITY) {
      for (double value : rung.values()) {
        if (objective.score(value) == score) {
          return value;
        }
      }
    }
    return objective.mode() == Mode.MAX ? score : -score;
  }

  @Override
  public void forget(int trial) {
    for (int r = 0; r < milestones.length; r++) {
      Double value = rungs.get(r).remove(trial);
      if (value != null) {
        ranks.get(r).remove(objective.score(value));
      }
    }
  }

  /** The values recorded at a rung, trial number → value, in arrival order. */
  public Map<Integer, Double> recordedAt(int rungIndex) {
    return java.util.Collections.unmodifiableMap(rungs.get(rungIndex));
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode state = Json.mapper().createObjectNode();
    ArrayNode list = state.putArray("rungs");
    for (int r = 0; r < milestones.length; r++) {
      ObjectNode rung = list.addObject();
      rung.put("milestone", milestones[r]);
      ArrayNode records = rung.putArray("records");
      rungs.get(r).forEach((trial, value) -> records.addArray().add(trial).add(value));
    }
    return state;
  }

  @Override
  public void restore(JsonNode snapshot) {
    rungs.forEach(Map::clear);
    ranks.forEach(RankedScores::clear);
    JsonNode list = snapshot == null ? null : snapshot.get("rungs");
    if (list == null) {
      return;
    }
    for (JsonNode rung : list) {
      int index = indexOf(rung.path("milestone").asDouble(Double.NaN));
      if (index < 0) {
        // the settings changed since the state was written: a rung that no longer exists is dropped
        continue;
      }
      for (Iterator<JsonNode> it = rung.path("records").elements(); it.hasNext(); ) {
        JsonNode record = it.next();
        double value = record.get(1).asDouble();
        rungs.get(index).put(record.get(0).asInt(), value);
        ranks.get(index).add(objective.score(value));
      }
    }
  }

  private int indexOf(double milestone) {
    for (int r = 0; r < milestones.length; r++) {
      if (milestones[r] == milestone) {
        return r;
      }
    }
    return -1;
  }

  @Override
  public String describe() {
    StringJoiner rungList = new StringJoiner(", ");
    for (double m : milestones) {
      rungList.add(ParamFormat.format(m));
    }
    return "ASHA: rungs at "
        + timeAttr
        + " "
        + (milestones.length == 0 ? "(none)" : rungList)
        + "; max_t "
        + ParamFormat.format(maxT)
        + "; grace period "
        + ParamFormat.format(gracePeriod)
        + "; the top 1/"
        + reductionFactor
        + " of each rung continue";
  }
}
