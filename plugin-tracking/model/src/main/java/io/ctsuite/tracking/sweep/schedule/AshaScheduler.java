package io.ctsuite.tracking.sweep.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020), in its stopping form, optionally hedged over several brackets as in
 * Hyperband.
 *
 * <p>Rungs sit at {@code grace_period · η^k} units of the time attribute, below {@code max_t}. When
 * a trial first reports at or past a rung, its value is recorded there and compared with every
 * value recorded at that rung so far: it is promoted (keeps running) if it ranks among the top
 * {@code ⌈n/η⌉} of the {@code n} values, otherwise it is stopped. Nothing waits for a rung to fill:
 * that is what makes it asynchronous, and it keeps every worker busy. The paper's variant pauses
 * losers and may promote them later; trial processes here cannot be paused and resumed, so a loser
 * is stopped at once, as in Ray Tune's ASHA. A trial reaching {@code max_t} completes.
 *
 * <p><b>Brackets.</b> How early a ranking can be trusted is not known in advance: a slow starter
 * that ends best is stopped by an early rung. Hyperband (Li et al., JMLR 2018) hedges by running
 * several brackets: bracket {@code b} skips the first {@code b} rungs, so its first decision comes
 * at {@code grace · η^b}; the last possible bracket has no rung at all and runs its trials to
 * {@code max_t}. Each bracket is its own competition. Trials are dealt to brackets so that each
 * bracket spends about the same compute (Hyperband's allocation): a bracket whose trials cost twice
 * as much gets half as many. The deal depends only on the trial number, so a resumed sweep puts
 * every trial in the same bracket again. Ray Tune's AsyncHyperBandScheduler offers the same hedge
 * with a random, softmax-weighted deal.
 *
 * <p><b>Adaptive bracket selection</b> ({@code bracket_selection: adaptive}, after Hyper-Tune, Li
 * et al., VLDB 2022): the deal starts with Hyperband's shares, and each new trial is then dealt
 * with every bracket's share weighted by how well its first rung has ranked the trials that ran to
 * {@code max_t} so far (Kendall's τ between their values at that rung and at the end, once {@value
 * #MIN_PAIRS} such trials exist; a rung that ranks them no better than chance gets no new trials).
 * Brackets whose early rungs mislead are starved and later ones fed: quality goes up and so does
 * compute. The deal then depends on the results, so it is saved with the state.
 *
 * <p><b>Rung value.</b> What a rung compares is the trial's last value, its best so far, or the
 * mean of its last few reports ({@link RungValue}).
 */
public final class AshaScheduler implements TrialScheduler {
  private final Objective objective;
  private final String timeAttr;
  private final double maxT;
  private final double gracePeriod;
  private final int reductionFactor;
  private final RungValue rungValue;
  private final List<Bracket> brackets = new ArrayList<>();
  private final double[] shares;

  /** Trial number (from 1) → bracket index, dealt in order; grown on demand. */
  private final List<Integer> dealt = new ArrayList<>();

  private final int[] dealtCount;

  /** What a trial reported between rungs, when the rung value needs more than the last report. */
  private final Map<Integer, History> histories = new HashMap<>();

  /** Completed trials needed before a rung's ranking is trusted or distrusted. */
  static final int MIN_PAIRS = 6;

  private final boolean adaptive;

  /** Adaptive deal: per trial, its score when it passed each rung of the first bracket. */
  private final Map<Integer, double[]> passedAt = new HashMap<>();

  /** Adaptive deal: the final score of every trial that reached max_t. */
  private final Map<Integer, Double> finals = new HashMap<>();

  public AshaScheduler(
      Objective objective, String timeAttr, double maxT, double gracePeriod, int reductionFactor) {
    this(objective, timeAttr, maxT, gracePeriod, reductionFactor, 1, RungValue.last());
  }

  /**
   * @param brackets how many brackets (1: plain ASHA); at most {@link #maxBrackets}
   * @param rungValue which value of a trial the rungs compare
   */
  public AshaScheduler(
      Objective objective,
      String timeAttr,
      double maxT,
      double gracePeriod,
      int reductionFactor,
      int brackets,
      RungValue rungValue) {
    this(objective, timeAttr, maxT, gracePeriod, reductionFactor, brackets, rungValue, false);
  }

  /**
   * @param adaptive whether new trials are dealt by how well each bracket's first rung has ranked
   *     the completed trials (otherwise by Hyperband's fixed shares)
   */
  public AshaScheduler(
      Objective objective,
      String timeAttr,
      double maxT,
      double gracePeriod,
      int reductionFactor,
      int brackets,
      RungValue rungValue,
      boolean adaptive) {
    this.adaptive = adaptive;
    this.objective = objective;
    this.timeAttr = timeAttr;
    this.maxT = maxT;
    this.gracePeriod = gracePeriod;
    this.reductionFactor = reductionFactor;
    this.rungValue = rungValue;
    checkBrackets(brackets, maxT, gracePeriod, reductionFactor);
    double[] all = milestones(maxT, gracePeriod, reductionFactor);
    double[] costs = new double[brackets];
    for (int b = 0; b < brackets; b++) {
      double[] own = java.util.Arrays.copyOfRange(all, Math.min(b, all.length), all.length);
      this.brackets.add(new Bracket(own));
      costs[b] = expectedCost(own, maxT, reductionFactor);
    }
    this.shares = shares(costs);
    this.dealtCount = new int[brackets];
  }

  /** The rungs: {@code grace · η^k} strictly below {@code max_t}. */
  static double[] milestones(double maxT, double grace, int eta) {
    List<Double> list = new ArrayList<>();
    for (double m = grace; m < maxT; m *= eta) {
      list.add(m);
    }
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The most brackets these settings allow: one per rung below {@code max_t} (bracket {@code b}
   * starts at the {@code b}-th), plus one without rungs, as Hyperband's least aggressive bracket.
   */
  public static int maxBrackets(double maxT, double grace, int eta) {
    return milestones(maxT, grace, eta).length + 1;
  }

  /** Refuses a bracket count outside 1 to {@link #maxBrackets}, naming the setting. */
  static void checkBrackets(int brackets, double maxT, double grace, int eta) {
    int most = maxBrackets(maxT, grace, eta);
    if (brackets < 1 || brackets > most) {
      throw new InputException(
          "brackets: give 1 to "
              + most
              + " (one more than the rungs below max_t "
              + ParamFormat.format(maxT)
              + "), got "
              + brackets);
    }
  }

  /**
   * What a trial of a bracket costs on average under successive halving: every trial runs to the
   * first rung, a fraction 1/η of them on to the next, and so on to {@code max_t}.
   */
  static double expectedCost(double[] rungs, double maxT, int eta) {
    double cost = 0;
    double previous = 0;
    double reaching = 1;
    for (double rung : rungs) {
      cost += reaching * (rung - previous);
      previous = rung;
      reaching /= eta;
    }
    return cost + reaching * (maxT - previous);
  }

  /** Shares of new trials inversely proportional to their cost: equal compute per bracket. */
  private static double[] shares(double[] costs) {
    double sum = 0;
    for (double cost : costs) {
      sum += 1 / cost;
    }
    double[] shares = new double[costs.length];
    for (int b = 0; b < costs.length; b++) {
      shares[b] = 1 / costs[b] / sum;
    }
    return shares;
  }

  /** The rung milestones of the first (most aggressive) bracket, ascending. */
  public double[] milestones() {
    return brackets.get(0).milestones.clone();
  }

  /** How many brackets. */
  public int bracketCount() {
    return brackets.size();
  }

  /** The rung milestones of a bracket (from 0), ascending; empty for a bracket without rungs. */
  public double[] milestones(int bracket) {
    return brackets.get(bracket).milestones.clone();
  }

  /**
   * The bracket (from 0) of a trial: dealt in trial order to the bracket furthest behind its share,
   * so any prefix of the trials is spread as evenly as whole trials allow.
   */
  public int bracketOf(int trial) {
    // what the shares rest on changes only as trials report, not while these are dealt
    double[] shares = adaptive && dealt.size() < trial ? currentShares() : this.shares;
    while (dealt.size() < trial) {
      int n = dealt.size() + 1;
      int pick = 0;
      double deficit = Double.NEGATIVE_INFINITY;
      for (int b = 0; b < shares.length; b++) {
        double behind = shares[b] * n - dealtCount[b];
        if (behind > deficit + 1e-12) {
          deficit = behind;
          pick = b;
        }
      }
      dealt.add(pick);
      dealtCount[pick]++;
    }
    return trial < 1 ? 0 : dealt.get(trial - 1);
  }

  /**
   * The shares new trials are dealt by now: Hyperband's, each weighted by its first rung's
   * reliability (the bracket without rungs is always reliable).
   */
  double[] currentShares() {
    double[] weights = new double[shares.length];
    double sum = 0;
    for (int b = 0; b < shares.length; b++) {
      weights[b] = shares[b] * Math.max(0, reliability(b));
      sum += weights[b];
    }
    if (sum == 0) {
      weights[shares.length - 1] = 1; // every early rung misleads: only the latest bracket is fed
      return weights;
    }
    for (int b = 0; b < weights.length; b++) {
      weights[b] /= sum;
    }
    return weights;
  }

  /**
   * How well the first rung of bracket {@code b} has ranked the completed trials: Kendall's τ
   * between their scores there and at the end (1 until {@link #MIN_PAIRS} exist, and for a bracket
   * without rungs).
   */
  double reliability(int b) {
    double[] first = brackets.get(0).milestones;
    if (b >= first.length) {
      return 1;
    }
    List<double[]> pairs = new ArrayList<>();
    finals.forEach(
        (trial, last) -> {
          double[] passed = passedAt.get(trial);
          if (passed != null && !Double.isNaN(passed[b])) {
            pairs.add(new double[] {passed[b], last});
          }
        });
    if (pairs.size() < MIN_PAIRS) {
      return 1;
    }
    long concordant = 0;
    long discordant = 0;
    for (int i = 0; i < pairs.size(); i++) {
      for (int j = i + 1; j < pairs.size(); j++) {
        double agree =
            Math.signum(pairs.get(i)[0] - pairs.get(j)[0])
                * Math.signum(pairs.get(i)[1] - pairs.get(j)[1]);
        concordant += agree > 0 ? 1 : 0;
        discordant += agree < 0 ? 1 : 0;
      }
    }
    return concordant + discordant == 0
        ? 1
        : (double) (concordant - discordant) / (concordant + discordant);
  }

  /** For the adaptive deal: a trial's scores as it passes the first bracket's rungs and ends. */
  private void observe(int trial, double time, double judged) {
    double[] first = brackets.get(0).milestones;
    double[] passed =
        passedAt.computeIfAbsent(
            trial,
            t -> {
              double[] none = new double[first.length];
              java.util.Arrays.fill(none, Double.NaN);
              return none;
            });
    for (int k = 0; k < first.length; k++) {
      if (time >= first[k] && Double.isNaN(passed[k])) {
        passed[k] = objective.score(judged);
      }
    }
    if (time >= maxT) {
      finals.put(trial, objective.score(judged));
    }
  }

  @Override
  public Decision onReport(int trial, double time, double value) {
    double judged = remember(trial, value);
    if (adaptive) {
      observe(trial, time, judged);
    }
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
    int b = bracketOf(trial);
    Bracket bracket = brackets.get(b);
    for (int r = bracket.milestones.length - 1; r >= 0; r--) {
      if (time < bracket.milestones[r]) {
        continue;
      }
      Map<Integer, Double> rung = bracket.rungs.get(r);
      if (rung.containsKey(trial)) {
        // decided at this rung already; the next decision comes at the next rung
        return Decision.proceed(trial, time, value);
      }
      rung.put(trial, judged);
      return decideAtRung(trial, time, value, judged, b, r);
    }
    return Decision.proceed(trial, time, value);
  }

  /** Keeps what the rung value needs of this report and says what the rungs would compare. */
  private double remember(int trial, double value) {
    if (!rungValue.needsHistory()) {
      return value;
    }
    History history = histories.computeIfAbsent(trial, t -> new History());
    history.add(value, rungValue.window(), objective);
    return rungValue.kind().equals(RungValue.BEST) ? history.best : history.mean();
  }

  private Decision decideAtRung(int trial, double time, double value, double judged, int b, int r) {
    Bracket bracket = brackets.get(b);
    double milestone = bracket.milestones[r];
    Map<Integer, Double> rung = bracket.rungs.get(r);
    RankedScores ranked = bracket.ranks.get(r);
    double score = objective.score(judged);
    ranked.add(score);
    int n = ranked.size();
    int keep = (n + reductionFactor - 1) / reductionFactor;
    double cutoffScore = ranked.best(keep);
    double cutoff = unscore(cutoffScore, rung);
    int rank = ranked.rankOf(score);
    String at =
        "at "
            + timeAttr
            + " "
            + ParamFormat.format(time)
            + (brackets.size() > 1 ? " (bracket " + (b + 1) + " of " + brackets.size() + ")" : "");
    String metricValue = objective.metric() + " " + Objective.brief(judged) + rungValue.words();
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
    if (score >= cutoffScore) {
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
    histories.remove(trial);
    passedAt.remove(trial);
    finals.remove(trial);
    for (Bracket bracket : brackets) {
      for (int r = 0; r < bracket.milestones.length; r++) {
        Double value = bracket.rungs.get(r).remove(trial);
        if (value != null) {
          bracket.ranks.get(r).remove(objective.score(value));
        }
      }
    }
  }

  /** The values recorded at a rung of the first bracket, trial number → value, in arrival order. */
  public Map<Integer, Double> recordedAt(int rungIndex) {
    return recordedAt(0, rungIndex);
  }

  /** The values recorded at a rung of a bracket, trial number → value, in arrival order. */
  public Map<Integer, Double> recordedAt(int bracket, int rungIndex) {
    return Collections.unmodifiableMap(brackets.get(bracket).rungs.get(rungIndex));
  }

  /**
   * The state: {@code rungs} (the first bracket's, in the format of plain ASHA), {@code brackets}
   * (every bracket's rungs, when there are several) and {@code history} (the reports a rung value
   * other than {@code last} needs).
   */
  @Override
  public JsonNode snapshot() {
    ObjectNode state = Json.mapper().createObjectNode();
    state.set("rungs", brackets.get(0).snapshot());
    if (brackets.size() > 1) {
      ArrayNode list = state.putArray("brackets");
      brackets.forEach(bracket -> list.addObject().set("rungs", bracket.snapshot()));
    }
    if (adaptive) {
      ArrayNode deal = state.putArray("dealt");
      dealt.forEach(deal::add);
      ObjectNode passed = state.putObject("passed");
      passedAt.forEach(
          (trial, scores) -> {
            ArrayNode list = passed.putArray(Integer.toString(trial));
            for (double score : scores) {
              list.add(score);
            }
          });
      ObjectNode ends = state.putObject("finals");
      finals.forEach((trial, score) -> ends.put(Integer.toString(trial), score));
    }
    if (!histories.isEmpty()) {
      ObjectNode saved = state.putObject("history");
      histories.forEach(
          (trial, history) -> {
            ObjectNode one = saved.putObject(Integer.toString(trial));
            one.put("best", history.best);
            ArrayNode recent = one.putArray("recent");
            history.recent.forEach(recent::add);
          });
    }
    return state;
  }

  @Override
  public void restore(JsonNode snapshot) {
    for (Bracket bracket : brackets) {
      bracket.rungs.forEach(Map::clear);
      bracket.ranks.forEach(RankedScores::clear);
    }
    histories.clear();
    passedAt.clear();
    finals.clear();
    dealt.clear();
    java.util.Arrays.fill(dealtCount, 0);
    if (snapshot == null) {
      return;
    }
    if (adaptive) {
      // the adaptive deal depended on results: keep it as it was
      for (JsonNode b : snapshot.path("dealt")) {
        int bracket = Math.min(b.asInt(), brackets.size() - 1);
        dealt.add(bracket);
        dealtCount[bracket]++;
      }
      double[] first = brackets.get(0).milestones;
      snapshot
          .path("passed")
          .fields()
          .forEachRemaining(
              e -> {
                double[] scores = new double[first.length];
                java.util.Arrays.fill(scores, Double.NaN);
                for (int k = 0; k < Math.min(first.length, e.getValue().size()); k++) {
                  scores[k] = e.getValue().get(k).asDouble(Double.NaN);
                }
                passedAt.put(Integer.parseInt(e.getKey()), scores);
              });
      snapshot
          .path("finals")
          .fields()
          .forEachRemaining(
              e -> finals.put(Integer.parseInt(e.getKey()), e.getValue().asDouble(Double.NaN)));
    }
    JsonNode list = snapshot.get("brackets");
    if (list != null && list.isArray()) {
      for (int b = 0; b < Math.min(list.size(), brackets.size()); b++) {
        restoreRungs(brackets.get(b), list.get(b).get("rungs"));
      }
    } else {
      restoreRungs(brackets.get(0), snapshot.get("rungs"));
    }
    JsonNode saved = snapshot.get("history");
    if (saved != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = saved.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        History history = new History();
        history.best = entry.getValue().path("best").asDouble(Double.NaN);
        entry.getValue().path("recent").forEach(v -> history.recent.add(v.asDouble(Double.NaN)));
        histories.put(Integer.parseInt(entry.getKey()), history);
      }
    }
  }

  private void restoreRungs(Bracket bracket, JsonNode list) {
    if (list == null) {
      return;
    }
    for (JsonNode rung : list) {
      int index = bracket.indexOf(rung.path("milestone").asDouble(Double.NaN));
      if (index < 0) {
        // the settings changed since the state was written: a rung that no longer exists is dropped
        continue;
      }
      for (Iterator<JsonNode> it = rung.path("records").elements(); it.hasNext(); ) {
        JsonNode record = it.next();
        double value = record.get(1).asDouble();
        bracket.rungs.get(index).put(record.get(0).asInt(), value);
        bracket.ranks.get(index).add(objective.score(value));
      }
    }
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder("ASHA: rungs at ").append(timeAttr).append(' ');
    text.append(rungList(brackets.get(0).milestones));
    text.append("; max_t ").append(ParamFormat.format(maxT));
    text.append("; grace period ").append(ParamFormat.format(gracePeriod));
    text.append("; the top 1/").append(reductionFactor).append(" of each rung continue");
    if (brackets.size() > 1) {
      StringJoiner list = new StringJoiner("; ");
      for (int b = 0; b < brackets.size(); b++) {
        list.add(
            "bracket "
                + (b + 1)
                + ", "
                + Math.round(100 * shares[b])
                + " % of the trials: "
                + rungList(brackets.get(b).milestones));
      }
      text.append("; ")
          .append(brackets.size())
          .append(" brackets with equal compute (")
          .append(list)
          .append(')');
    }
    if (adaptive) {
      text.append(
          "; new trials dealt by how well each bracket's first rung has ranked the completed"
              + " trials (adaptive)");
    }
    if (rungValue.needsHistory()) {
      text.append("; rungs compare ").append(rungValue.describe());
    }
    return text.toString();
  }

  private static String rungList(double[] milestones) {
    if (milestones.length == 0) {
      return "(none: runs to max_t)";
    }
    StringJoiner list = new StringJoiner(", ");
    for (double m : milestones) {
      list.add(ParamFormat.format(m));
    }
    return list.toString();
  }

  /** One bracket: its rungs and what was recorded there. */
  private static final class Bracket {
    final double[] milestones;

    /** Per rung, trial number → recorded value, in arrival order. */
    final List<Map<Integer, Double>> rungs = new ArrayList<>();

    /** Per rung, the recorded values' scores, best first. */
    final List<RankedScores> ranks = new ArrayList<>();

    Bracket(double[] milestones) {
      this.milestones = milestones;
      for (int i = 0; i < milestones.length; i++) {
        rungs.add(new LinkedHashMap<>());
        ranks.add(new RankedScores());
      }
    }

    int indexOf(double milestone) {
      for (int r = 0; r < milestones.length; r++) {
        if (milestones[r] == milestone) {
          return r;
        }
      }
      return -1;
    }

    ArrayNode snapshot() {
      ArrayNode list = Json.mapper().createArrayNode();
      for (int r = 0; r < milestones.length; r++) {
        ObjectNode rung = list.addObject();
        rung.put("milestone", milestones[r]);
        ArrayNode records = rung.putArray("records");
        rungs.get(r).forEach((trial, value) -> records.addArray().add(trial).add(value));
      }
      return list;
    }
  }

  /** A trial's best value so far and its latest values, for rung values other than the last. */
  private static final class History {
    double best = Double.NaN;
    final Deque<Double> recent = new ArrayDeque<>();

    void add(double value, int window, Objective objective) {
      if (Double.isNaN(best) || objective.better(value, best)) {
        best = value;
      }
      recent.addLast(value);
      while (recent.size() > window) {
        recent.removeFirst();
      }
    }

    double mean() {
      double sum = 0;
      for (double v : recent) {
        sum += v;
      }
      return sum / recent.size();
    }
  }
}
