package io.ctsuite.tracking.sweep.space;

import java.util.ArrayList;
import java.util.List;

/**
 * The values one parameter may take, and how a point {@code u} of the unit interval maps onto them.
 * Mapping from the unit interval (rather than drawing from a random generator directly) lets random
 * and quasi-random (Sobol) sampling share one code path.
 */
public sealed interface Domain {
  /** The value at {@code u} in [0, 1). */
  Object at(double u);

  /** Whether the domain has finitely many values that {@link #values()} can list. */
  boolean finite();

  /** Every value, for finite domains; empty otherwise. */
  List<Object> values();

  /** A short description for messages and help, e.g. {@code loguniform(0.0001, 0.1)}. */
  String describe();

  /** One of a list of values, each equally likely. */
  record Choice(List<Object> options) implements Domain {
    public Choice {
      options = List.copyOf(options);
    }

    @Override
    public Object at(double u) {
      return options.get(index(u, options.size()));
    }

    @Override
    public boolean finite() {
      return true;
    }

    @Override
    public List<Object> values() {
      return options;
    }

    @Override
    public String describe() {
      return "choice" + ParamFormat.list(options);
    }
  }

  /** A real number, uniform between low and high. */
  record Uniform(double low, double high) implements Domain {
    @Override
    public Object at(double u) {
      return ParamFormat.round(low + u * (high - low));
    }

    @Override
    public boolean finite() {
      return false;
    }

    @Override
    public List<Object> values() {
      return List.of();
    }

    @Override
    public String describe() {
      return "uniform(" + ParamFormat.format(low) + ", " + ParamFormat.format(high) + ")";
    }
  }

  /** A positive real number whose logarithm is uniform: learning rates, weight decays. */
  record LogUniform(double low, double high) implements Domain {
    @Override
    public Object at(double u) {
      double logLow = Math.log(low);
      double value = Math.exp(logLow + u * (Math.log(high) - logLow));
      return ParamFormat.round(Math.min(high, Math.max(low, value)));
    }

    @Override
    public boolean finite() {
      return false;
    }

    @Override
    public List<Object> values() {
      return List.of();
    }

    @Override
    public String describe() {
      return "loguniform(" + ParamFormat.format(low) + ", " + ParamFormat.format(high) + ")";
    }
  }

  /**
   * An integer from low to high inclusive, in steps of {@code step}; with {@code log} the values
   * are spread evenly on a log scale (layer widths, batch sizes).
   */
  record IntRange(long low, long high, long step, boolean log) implements Domain {
    long count() {
      return (high - low) / step + 1;
    }

    @Override
    public Object at(double u) {
      if (!log) {
        return low + step * Math.min(count() - 1, (long) Math.floor(u * count()));
      }
      // Uniform in log(value) over [low, high + step) so that the top value is as likely as its
      // neighbours, then snapped down to the step grid.
      double logLow = Math.log(low);
      double value = Math.exp(logLow + u * (Math.log(high + step) - logLow));
      long snapped = low + step * (long) Math.floor((value - low) / step);
      return Math.max(low, Math.min(high, snapped));
    }

    @Override
    public boolean finite() {
      return count() <= ParamFormat.MAX_ENUMERATED;
    }

    @Override
    public List<Object> values() {
      if (!finite()) {
        return List.of();
      }
      List<Object> all = new ArrayList<>();
      for (long value = low; value <= high; value += step) {
        all.add(value);
      }
      return all;
    }

    @Override
    public String describe() {
      return "int("
          + low
          + ".."
          + high
          + (step == 1 ? "" : ", step " + step)
          + (log ? ", log" : "")
          + ")";
    }
  }

  /** A fixed value: handy in cases ("epochs 30 → milestones 10,20") and to pass settings along. */
  record Constant(Object value) implements Domain {
    @Override
    public Object at(double u) {
      return value;
    }

    @Override
    public boolean finite() {
      return true;
    }

    @Override
    public List<Object> values() {
      return java.util.Collections.singletonList(value);
    }

    @Override
    public String describe() {
      return ParamFormat.format(value);
    }
  }

  private static int index(double u, int size) {
    return Math.min(size - 1, Math.max(0, (int) Math.floor(u * size)));
  }
}
