package io.ctsuite.tracking.sweep.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A scheduler's settings, as written in a Jenkinsfile, on the command line or in a stored sweep.
 *
 * @param type {@code fifo}, {@code asha} or {@code median}
 * @param timeAttr what measures a trial's progress: {@code step} (the step of each report; the
 *     report count when a report has none), {@code reports} (the number of reports of the metric),
 *     or the name of another metric the trial reports, such as {@code epoch}
 * @param maxT the budget of one trial in units of the time attribute; ASHA requires it, for the
 *     others it is optional (infinite: trials run until their process ends)
 * @param gracePeriod the time before which no trial is stopped (ASHA's first rung)
 * @param reductionFactor ASHA's η: the top 1/η of each rung continue
 * @param minSamples the median rule's minimum number of other trials to compare with
 * @param brackets ASHA's number of brackets (Hyperband's hedge against trusting early rungs): 1 is
 *     plain ASHA; bracket {@code b} starts deciding at the {@code b}-th rung; {@code all} in a map
 *     is one per rung plus one that never stops a trial; see {@link AshaScheduler}
 * @param rungValue what ASHA's rungs compare: {@code last} (default), {@code best} or {@code mean}
 * @param rungWindow how many of the latest reports {@code rung_value: mean} averages
 * @param bracketSelection how ASHA deals new trials to brackets: {@code fixed} (Hyperband's equal
 *     compute per bracket, the default) or {@code adaptive} (weighted by how well each bracket's
 *     first rung has ranked the completed trials)
 */
public record SchedulerSpec(
    String type,
    @JsonProperty("time_attr") String timeAttr,
    @JsonProperty("max_t") double maxT,
    @JsonProperty("grace_period") double gracePeriod,
    @JsonProperty("reduction_factor") int reductionFactor,
    @JsonProperty("min_samples") int minSamples,
    int brackets,
    @JsonProperty("rung_value") String rungValue,
    @JsonProperty("rung_window") int rungWindow,
    @JsonProperty("bracket_selection") String bracketSelection) {

  public static final String FIFO = "fifo";
  public static final String ASHA = "asha";
  public static final String MEDIAN = "median";

  /** {@code brackets: all}: as many brackets as the rungs allow (Hyperband's full hedge). */
  public static final String ALL_BRACKETS = "all";

  /** {@code bracket_selection}: Hyperband's fixed shares, or weighted by the rungs' record. */
  public static final String FIXED = "fixed";

  public static final String ADAPTIVE = "adaptive";

  /** ASHA's budget when none is given, as in Ray Tune. */
  public static final double DEFAULT_MAX_T = 100;

  public SchedulerSpec {
    type = type == null ? ASHA : type.trim().toLowerCase(Locale.ROOT);
    timeAttr = timeAttr == null || timeAttr.isBlank() ? "step" : timeAttr.trim();
    // a state written before brackets and rung values existed reads them as 0 and null
    brackets = brackets == 0 ? 1 : brackets;
    rungWindow = rungWindow == 0 ? RungValue.DEFAULT_WINDOW : rungWindow;
    rungValue = new RungValue(rungValue, rungWindow).kind();
    bracketSelection =
        bracketSelection == null || bracketSelection.isBlank()
            ? FIXED
            : bracketSelection.trim().toLowerCase(Locale.ROOT);
    if (!bracketSelection.equals(FIXED) && !bracketSelection.equals(ADAPTIVE)) {
      throw new InputException(
          "bracket_selection: unknown value '" + bracketSelection + "'; use fixed or adaptive");
    }
    if (bracketSelection.equals(ADAPTIVE) && brackets < 2) {
      throw new InputException(
          "bracket_selection: adaptive needs at least 2 brackets to choose from (brackets: "
              + brackets
              + ")");
    }
    validate(type, maxT, gracePeriod, reductionFactor, minSamples);
    if (type.equals(ASHA)) {
      AshaScheduler.checkBrackets(brackets, maxT, gracePeriod, reductionFactor);
    } else if (brackets != 1 || !rungValue.equals(RungValue.LAST)) {
      throw new InputException(
          (brackets != 1 ? "brackets" : "rung_value") + ": only ASHA has brackets and rung values");
    }
  }

  /** Plain ASHA's settings (one bracket, rungs compare the last value) or another scheduler's. */
  public SchedulerSpec(
      String type,
      String timeAttr,
      double maxT,
      double gracePeriod,
      int reductionFactor,
      int minSamples) {
    this(
        type,
        timeAttr,
        maxT,
        gracePeriod,
        reductionFactor,
        minSamples,
        1,
        RungValue.LAST,
        RungValue.DEFAULT_WINDOW,
        FIXED);
  }

  /** The same settings with ASHA's brackets and rung value changed. */
  public SchedulerSpec withBrackets(int brackets, String rungValue, int rungWindow) {
    return new SchedulerSpec(
        type,
        timeAttr,
        maxT,
        gracePeriod,
        reductionFactor,
        minSamples,
        brackets,
        rungValue,
        rungWindow,
        bracketSelection);
  }

  /** The same settings with another way of dealing trials to ASHA's brackets. */
  public SchedulerSpec withBracketSelection(String selection) {
    return new SchedulerSpec(
        type,
        timeAttr,
        maxT,
        gracePeriod,
        reductionFactor,
        minSamples,
        brackets,
        rungValue,
        rungWindow,
        selection);
  }

  /** ASHA with the given budget, grace period and reduction factor, time measured in steps. */
  public static SchedulerSpec asha(double maxT, double gracePeriod, int reductionFactor) {
    return new SchedulerSpec(ASHA, "step", maxT, gracePeriod, reductionFactor, 3);
  }

  /** FIFO, each trial capped at {@code maxT} (infinite: no cap). */
  public static SchedulerSpec fifo(double maxT) {
    return new SchedulerSpec(FIFO, "step", maxT, 1, 4, 3);
  }

  /** The median stopping rule. */
  public static SchedulerSpec median(double maxT, double gracePeriod, int minSamples) {
    return new SchedulerSpec(MEDIAN, "step", maxT, gracePeriod, 4, minSamples);
  }

  /**
   * Settings from a map with the keys {@code scheduler} (or {@code type}), {@code time_attr},
   * {@code max_t}, {@code grace_period}, {@code reduction_factor}, {@code min_samples}, {@code
   * brackets}, {@code rung_value}, {@code rung_window}, {@code bracket_selection}; missing keys
   * take their defaults (ASHA: max_t 100, grace period 1, reduction factor 4, 1 bracket, rung value
   * last, window 3, fixed selection; median: min_samples 3). Messages name the key.
   */
  public static SchedulerSpec fromMap(Map<String, ?> settings) {
    Object type =
        settings.containsKey("scheduler") ? settings.get("scheduler") : settings.get("type");
    String kind = type == null ? ASHA : type.toString();
    double defaultMaxT =
        ASHA.equalsIgnoreCase(kind.trim()) ? DEFAULT_MAX_T : Double.POSITIVE_INFINITY;
    double maxT = number(settings, "max_t", defaultMaxT);
    double grace = number(settings, "grace_period", 1);
    int eta = (int) integer(settings, "reduction_factor", 4);
    int brackets =
        ALL_BRACKETS.equalsIgnoreCase(String.valueOf(settings.get("brackets")).trim())
            ? allBrackets(kind, maxT, grace, eta)
            : (int) integer(settings, "brackets", 1);
    return new SchedulerSpec(
        kind,
        text(settings.get("time_attr")),
        maxT,
        grace,
        eta,
        (int) integer(settings, "min_samples", 3),
        brackets,
        text(settings.get("rung_value")),
        (int) integer(settings, "rung_window", RungValue.DEFAULT_WINDOW),
        text(settings.get("bracket_selection")));
  }

  /**
   * How many brackets {@code brackets: all} means: for ASHA every bracket Hyperband would run, the
   * last one without early stopping; another scheduler has its one. The settings are checked first,
   * since with a reduction factor below 2 or a grace period of 0 the rungs never reach max_t.
   */
  public static int allBrackets(String scheduler, double maxT, double grace, int eta) {
    String kind = scheduler.trim().toLowerCase(Locale.ROOT);
    validate(kind, maxT, grace, eta, 1);
    return kind.equals(ASHA) ? AshaScheduler.maxBrackets(maxT, grace, eta) : 1;
  }

  /** The scheduler these settings describe, for the given objective. */
  public TrialScheduler create(Objective objective) {
    return switch (type) {
      case FIFO -> new FifoScheduler(timeAttr, maxT);
      case MEDIAN ->
          new MedianStoppingScheduler(objective, timeAttr, maxT, gracePeriod, minSamples);
      default ->
          new AshaScheduler(
              objective,
              timeAttr,
              maxT,
              gracePeriod,
              reductionFactor,
              brackets,
              new RungValue(rungValue, rungWindow),
              ADAPTIVE.equals(bracketSelection));
    };
  }

  private static void validate(
      String type, double maxT, double grace, int reductionFactor, int minSamples) {
    if (!type.equals(FIFO) && !type.equals(ASHA) && !type.equals(MEDIAN)) {
      throw new InputException(
          "scheduler: unknown scheduler '" + type + "'; use asha, median or fifo");
    }
    if (!(maxT > 0)) {
      throw new InputException("max_t: must be above 0, got " + ParamFormat.format(maxT));
    }
    if (!(grace > 0) || Double.isInfinite(grace)) {
      throw new InputException(
          "grace_period: must be a number above 0, got " + ParamFormat.format(grace));
    }
    if (type.equals(ASHA)) {
      if (Double.isInfinite(maxT)) {
        throw new InputException("max_t: ASHA needs a finite budget per trial");
      }
      if (grace >= maxT) {
        throw new InputException(
            "grace_period: must be below max_t ("
                + ParamFormat.format(maxT)
                + "), got "
                + ParamFormat.format(grace));
      }
      if (reductionFactor < 2) {
        throw new InputException("reduction_factor: must be at least 2, got " + reductionFactor);
      }
    }
    if (type.equals(MEDIAN) && minSamples < 1) {
      throw new InputException("min_samples: must be at least 1, got " + minSamples);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static double number(Map<String, ?> settings, String key, double fallback) {
    Object value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new InputException(key + ": expected a number, got '" + value + "'");
    }
  }

  private static long integer(Map<String, ?> settings, String key, long fallback) {
    double value = number(settings, key, fallback);
    if (value != Math.rint(value)) {
      throw new InputException(key + ": expected an integer, got " + value);
    }
    return (long) value;
  }
}
