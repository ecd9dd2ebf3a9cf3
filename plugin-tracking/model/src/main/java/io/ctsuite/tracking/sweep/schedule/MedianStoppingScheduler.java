package io.ctsuite.tracking.sweep.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017): after the grace period, a
 * trial stops when its best value so far is worse than the median, over the other trials that got
 * at least as far, of their running averages up to the same time. It needs no tuning beyond the
 * grace period and how many other trials must be there to compare with ({@code min_samples}).
 */
public final class MedianStoppingScheduler implements TrialScheduler {
  private final Objective objective;
  private final String timeAttr;
  private final double maxT;
  private final double gracePeriod;
  private final int minSamples;
  private final Map<Integer, Curve> curves = new TreeMap<>();

  public MedianStoppingScheduler(
      Objective objective, String timeAttr, double maxT, double gracePeriod, int minSamples) {
    this.objective = objective;
    this.timeAttr = timeAttr;
    this.maxT = maxT;
    this.gracePeriod = gracePeriod;
    this.minSamples = minSamples;
  }

  @Override
  public Decision onReport(int trial, double time, double value) {
    Curve curve = curves.computeIfAbsent(trial, t -> new Curve());
    curve.add(time, objective.score(value));
    String at = "at " + timeAttr + " " + ParamFormat.format(time);
    if (time >= maxT) {
      return new Decision(
          Decision.Action.COMPLETE,
          trial,
          time,
          value,
          Double.NaN,
          Double.NaN,
          "completed "
              + at
              + ": reached max_t "
              + ParamFormat.format(maxT)
              + " with "
              + objective.metric()
              + " "
              + Objective.brief(value));
    }
    if (time < gracePeriod) {
      return Decision.proceed(trial, time, value);
    }
    List<Double> averages = new ArrayList<>();
    curves.forEach(
        (other, otherCurve) -> {
          if (other != trial && otherCurve.lastTime() >= time) {
            averages.add(otherCurve.runningAverage(time));
          }
        });
    if (averages.size() < minSamples) {
      return Decision.proceed(trial, time, value);
    }
    double medianScore = median(averages);
    double bestScore = curve.bestScore();
    double median = unscore(medianScore);
    double best = unscore(bestScore);
    if (bestScore < medianScore) {
      return new Decision(
          Decision.Action.STOP,
          trial,
          time,
          value,
          Double.NaN,
          median,
          "stopped "
              + at
              + ": best "
              + objective.metric()
              + " "
              + Objective.brief(best)
              + " "
              + objective.worseWord()
              + " the median "
              + Objective.brief(median)
              + " of the running averages of "
              + averages.size()
              + " other trials at this "
              + timeAttr);
    }
    return Decision.proceed(trial, time, value);
  }

  private double unscore(double score) {
    if (score == Double.NEGATIVE_INFINITY) {
      return Double.NaN;
    }
    return objective.mode() == Mode.MAX ? score : -score;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n % 2 == 1) {
      return sorted[n / 2];
    }
    double low = sorted[n / 2 - 1];
    double high = sorted[n / 2];
    // the mean of two -Infinity scores is NaN; either bound is the honest answer then
    return low == high ? low : (low + high) / 2;
  }

  @Override
  public void forget(int trial) {
    curves.remove(trial);
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode state = Json.mapper().createObjectNode();
    ObjectNode trials = state.putObject("curves");
    curves.forEach(
        (trial, curve) -> {
          var points = trials.putArray(Integer.toString(trial));
          for (int i = 0; i < curve.size; i++) {
            points.addArray().add(curve.times[i]).add(unscore(curve.scores[i]));
          }
        });
    return state;
  }

  @Override
  public void restore(JsonNode snapshot) {
    curves.clear();
    JsonNode trials = snapshot == null ? null : snapshot.get("curves");
    if (trials == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = trials.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Curve curve = new Curve();
      for (JsonNode point : entry.getValue()) {
        curve.add(point.get(0).asDouble(), objective.score(point.get(1).asDouble()));
      }
      curves.put(Integer.parseInt(entry.getKey()), curve);
    }
  }

  @Override
  public String describe() {
    return "median stopping: after "
        + timeAttr
        + " "
        + ParamFormat.format(gracePeriod)
        + ", a trial whose best is worse than the median running average of the others stops"
        + " (at least "
        + minSamples
        + " others to compare with)"
        + (Double.isInfinite(maxT) ? "" : "; max_t " + ParamFormat.format(maxT));
  }

  /**
   * One trial's reports as scores with prefix sums, so that a running average up to any time is a
   * binary search away. Reports arrive in time order; one that goes back in time (a restarted step
   * counter) is placed where it belongs.
   */
  private static final class Curve {
    private double[] times = new double[8];
    private double[] scores = new double[8];
    private double[] sums = new double[8];
    private int size;
    private double best = Double.NEGATIVE_INFINITY;
    private boolean sorted = true;

    void add(double time, double score) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        scores = Arrays.copyOf(scores, size * 2);
        sums = Arrays.copyOf(sums, size * 2);
      }
      if (size > 0 && time < times[size - 1]) {
        sorted = false;
      }
      times[size] = time;
      scores[size] = score;
      sums[size] = (size == 0 ? 0 : sums[size - 1]) + score;
      size++;
      best = Math.max(best, score);
      if (!sorted) {
        resort();
      }
    }

    private void resort() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
      double[] t = new double[times.length];
      double[] s = new double[times.length];
      for (int i = 0; i < size; i++) {
        t[i] = times[order[i]];
        s[i] = scores[order[i]];
        sums[i] = (i == 0 ? 0 : sums[i - 1]) + s[i];
      }
      times = t;
      scores = s;
      sorted = true;
    }

    double lastTime() {
      return size == 0 ? Double.NEGATIVE_INFINITY : times[size - 1];
    }

    double bestScore() {
      return best;
    }

    /** The mean score of the reports at or before {@code time}. */
    double runningAverage(double time) {
      int count = upperBound(time);
      if (count == 0) {
        return Double.NEGATIVE_INFINITY;
      }
      return sums[count - 1] / count;
    }

    private int upperBound(double time) {
      int low = 0;
      int high = size;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (times[mid] <= time) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }
  }
}
