package io.ctsuite.datasets.ops;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.ManifestBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines versions into one training set.
 *
 * <ul>
 *   <li>{@link Mode#FRACTIONS}: each part is that share of the result (shares add up to 1). With a
 *       total, the result has that many entries; without, the largest result the parts allow.
 *   <li>{@link Mode#WEIGHTS}: each part contributes that share of its own entries (0 to 1).
 * </ul>
 *
 * Which entries a part contributes is a seeded choice, so the same inputs and seed give the same
 * version. When the parts come from more than one dataset, paths are prefixed with the dataset's
 * name so that they cannot collide; parts of one dataset keep their paths, and a path that two of
 * them hold with different content is an error.
 */
public final class Mixer {
  /** How shares are read. */
  public enum Mode {
    FRACTIONS,
    WEIGHTS
  }

  /**
   * One input.
   *
   * @param dataset its dataset's name
   * @param label how to name it in messages ({@code videos@v3})
   * @param manifest its entries
   * @param share a fraction of the result or a weight, by mode
   */
  public record Part(String dataset, String label, Manifest manifest, double share) {}

  private Mixer() {}

  /**
   * @param total the number of entries wanted with fractions, or -1 for as many as possible
   * @throws InputException when shares do not add up or a part has too few entries
   */
  public static Manifest mix(List<Part> parts, Mode mode, long total, long seed) {
    if (parts.isEmpty()) {
      throw new InputException("a mix needs at least one part");
    }
    long[] take = mode == Mode.FRACTIONS ? byFractions(parts, total) : byWeights(parts);
    Map<String, Manifest> byDataset = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (int k = 0; k < parts.size(); k++) {
      Part part = parts.get(k);
      Manifest m = part.manifest();
      int[] all = new int[m.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      // each part gets its own stream of ranks, so equal parts are not sampled identically
      Manifest chosen = m.select(SeededChoice.pick(m, all, (int) take[k], seed * 31 + k));
      Manifest before = byDataset.get(part.dataset());
      byDataset.put(
          part.dataset(),
          before == null
              ? chosen
              : union(before, labels.get(part.dataset()), chosen, part.label()));
      labels.merge(part.dataset(), part.label(), (a, b) -> a + "+" + b);
    }
    if (byDataset.size() == 1) {
      return byDataset.values().iterator().next();
    }
    ManifestBuilder builder = new ManifestBuilder("mix");
    for (Map.Entry<String, Manifest> e : byDataset.entrySet()) {
      Manifest m = e.getValue();
      for (int i = 0; i < m.size(); i++) {
        builder.add(m, i, e.getKey() + "/");
      }
    }
    return builder.build();
  }

  /** Both parts' entries; a path in both must have the same content. */
  private static Manifest union(Manifest a, String aLabel, Manifest b, String bLabel) {
    ManifestBuilder builder = new ManifestBuilder("mix");
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int c = i >= a.size() ? 1 : j >= b.size() ? -1 : a.comparePath(i, b, j);
      if (c < 0) {
        builder.add(a, i++);
      } else if (c > 0) {
        builder.add(b, j++);
      } else {
        if (!a.sameHash(i, b, j)) {
          throw new InputException(
              "'"
                  + a.path(i)
                  + "' has different content in "
                  + aLabel
                  + " and "
                  + bLabel
                  + "; mix versions that agree, or different datasets (their paths get"
                  + " prefixed)");
        }
        builder.add(a, i++);
        j++;
      }
    }
    return builder.build();
  }

  private static long[] byFractions(List<Part> parts, long total) {
    double[] shares = new double[parts.size()];
    double sum = 0;
    for (int k = 0; k < parts.size(); k++) {
      shares[k] = parts.get(k).share();
      if (!(shares[k] > 0) || shares[k] > 1) {
        throw new InputException(
            "the fraction of "
                + parts.get(k).label()
                + " must be above 0 and at most 1, got "
                + parts.get(k).share());
      }
      sum += shares[k];
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new InputException(
          String.format(
              "the fractions add up to %.4f; they must add up to 1 (or use weights)", sum));
    }
    long possible = Long.MAX_VALUE;
    for (int k = 0; k < parts.size(); k++) {
      possible =
          Math.min(possible, (long) Math.floor(parts.get(k).manifest().size() / shares[k] + 1e-9));
    }
    long wanted = total < 0 ? possible : total;
    long[] take = SeededChoice.apportion(wanted, shares);
    for (int k = 0; k < parts.size(); k++) {
      int available = parts.get(k).manifest().size();
      if (take[k] > available) {
        throw new InputException(
            String.format(
                "%s has %,d entries; %,d entries with %.0f%% from it needs %,d (at most %,d entries"
                    + " are possible with these fractions)",
                parts.get(k).label(), available, wanted, shares[k] * 100, take[k], possible));
      }
    }
    return take;
  }

  private static long[] byWeights(List<Part> parts) {
    long[] take = new long[parts.size()];
    for (int k = 0; k < parts.size(); k++) {
      double weight = parts.get(k).share();
      if (!(weight > 0) || weight > 1) {
        throw new InputException(
            "the weight of "
                + parts.get(k).label()
                + " must be above 0 and at most 1 (the share of"
                + " its entries to take), got "
                + weight);
      }
      take[k] = Math.round(parts.get(k).manifest().size() * weight);
    }
    return take;
  }
}
