package io.ctsuite.tracking.sweep.sim;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.space.SearchSpace;
import io.ctsuite.tracking.sweep.space.SpaceParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The simulated learning curves of the sweep benchmark: validation accuracy after each epoch of
 * training runs whose quality depends on the learning rate (best near 0.01 unless said otherwise)
 * and the weight decay. They were written from what real curves do, before the benchmark was run,
 * and are not tuned to make early stopping look good: three of them have curves that cross, which
 * is exactly where early stopping can pick the wrong trial.
 */
public final class CurveFamilies {
  private static final SearchSpace SPACE = space();

  private CurveFamilies() {}

  /** Every family, in the order the benchmark reports them. */
  public static List<CurveFamily> all() {
    return List.of(
        family(
            "power-law",
            "saturating power-law curves; trials differ in speed and ceiling, so late crossings"
                + " happen only between trials of similar quality",
            0.005,
            CurveFamilies::powerLaw),
        family(
            "noisy",
            "the power-law curves evaluated with four times the noise (σ 0.02), as on a small"
                + " validation set",
            0.02,
            CurveFamilies::powerLaw),
        family(
            "crossing",
            "learning-rate trade-off: large rates learn fast and plateau low, small rates learn"
                + " slowly and end higher, so the curves cross in mid-training",
            0.005,
            CurveFamilies::crossing),
        family(
            "overfitting",
            "weak weight decay leads early, then overfits and declines; strong weight decay wins"
                + " at the end",
            0.005,
            CurveFamilies::overfitting),
        family(
            "step-decay",
            "a step learning-rate schedule (drops at epochs 40 and 60): large rates sit lower on"
                + " the first plateau and jump higher after the drops",
            0.005,
            CurveFamilies::stepDecay));
  }

  /** The family of that name; the message lists the known ones. */
  public static CurveFamily named(String name) {
    for (CurveFamily family : all()) {
      if (family.name().equals(name)) {
        return family;
      }
    }
    throw new InputException(
        "family: unknown curve family '"
            + name
            + "'; known: "
            + String.join(", ", all().stream().map(CurveFamily::name).toList()));
  }

  private static SearchSpace space() {
    Map<String, Object> space = new LinkedHashMap<>();
    space.put("lr", Map.of("loguniform", List.of(1e-4, 1.0)));
    space.put("weight_decay", Map.of("loguniform", List.of(1e-6, 1e-2)));
    return SpaceParser.fromMap(space, "benchmark space");
  }

  /** log10 of the learning rate, from -4 to 0. */
  private static double logLr(Map<String, Object> params) {
    return Math.log10((Double) params.get("lr"));
  }

  /** Weight decay strength from 0 (1e-6) to 1 (1e-2). */
  private static double decay(Map<String, Object> params) {
    return (Math.log10((Double) params.get("weight_decay")) + 6) / 4;
  }

  /** A bump of height 1 at {@code centre} on the log10 scale. */
  private static double bump(double x, double centre, double width) {
    double d = (x - centre) / width;
    return Math.exp(-d * d / 2);
  }

  private static LearningCurve powerLaw(Map<String, Object> params, SplittableRandom random) {
    double quality = bump(logLr(params), -2, 0.8);
    double ceiling = 0.55 + 0.40 * quality + 0.01 * random.nextGaussian();
    double tau = 2 + 6 * random.nextDouble();
    double alpha = 0.7 + 0.3 * random.nextDouble();
    return epoch -> ceiling - (ceiling - 0.1) * Math.pow(1 + epoch / tau, -alpha);
  }

  private static LearningCurve crossing(Map<String, Object> params, SplittableRandom random) {
    double x = logLr(params);
    double tau = 2 * Math.pow(10, -0.3 * x) * (0.8 + 0.4 * random.nextDouble());
    double ceiling = 0.92 - 0.06 * Math.pow(Math.abs(x + 3), 1.5) + 0.01 * random.nextGaussian();
    return epoch -> 0.1 + (ceiling - 0.1) * (1 - Math.exp(-epoch / tau));
  }

  private static LearningCurve overfitting(Map<String, Object> params, SplittableRandom random) {
    double quality = bump(logLr(params), -2, 0.8);
    double strength = decay(params);
    double peak = 0.78 + 0.12 * quality + 0.05 * (1 - strength) + 0.01 * random.nextGaussian();
    double tau = 3 + 4 * random.nextDouble();
    double turn = 10 + 50 * strength;
    double decline = 0.003 * (1 - strength) * (1 - strength);
    return epoch -> peak * (1 - Math.exp(-epoch / tau)) - decline * Math.max(0, epoch - turn);
  }

  private static LearningCurve stepDecay(Map<String, Object> params, SplittableRandom random) {
    double x = logLr(params);
    double first = 0.50 + 0.25 * bump(x, -3, 0.8) + 0.01 * random.nextGaussian();
    double second = 0.60 + 0.30 * bump(x, -1.5, 0.8) + 0.01 * random.nextGaussian();
    double third = second + 0.03;
    return epoch -> {
      if (epoch < 40) {
        return first * (1 - Math.exp(-epoch / 3.0));
      }
      if (epoch < 60) {
        return first + (second - first) * (1 - Math.exp(-(epoch - 40) / 3.0));
      }
      return second + (third - second) * (1 - Math.exp(-(epoch - 60) / 3.0));
    };
  }

  private static CurveFamily family(
      String name,
      String description,
      double noise,
      BiFunction<Map<String, Object>, SplittableRandom, LearningCurve> curves) {
    return new CurveFamily() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public double noise() {
        return noise;
      }

      @Override
      public SearchSpace space() {
        return SPACE;
      }

      @Override
      public LearningCurve curve(Map<String, Object> params, SplittableRandom random) {
        return curves.apply(params, random);
      }
    };
  }
}
