package io.ctsuite.datasets;

import java.util.Arrays;

/**
 * A version stored as its difference from a base version: the paths it no longer has and the
 * entries it adds or changes. Applying it to the base gives the version back exactly, modification
 * times and origins included.
 */
public final class Delta {
  private final String baseId;
  private final PathList removed;
  private final Manifest upserts;

  public Delta(String baseId, PathList removed, Manifest upserts) {
    this.baseId = baseId;
    this.removed = removed;
    this.upserts = upserts;
  }

  /** The delta that turns {@code base} into {@code target}. */
  public static Delta between(Manifest base, Manifest target) {
    int[] removed = new int[Math.min(base.size(), 1024)];
    int removedCount = 0;
    int[] upserts = new int[Math.min(target.size(), 1024)];
    int upsertCount = 0;
    int i = 0;
    int j = 0;
    while (i < base.size() || j < target.size()) {
      int c = i >= base.size() ? 1 : j >= target.size() ? -1 : base.comparePath(i, target, j);
      if (c < 0) {
        if (removedCount == removed.length) {
          removed = Arrays.copyOf(removed, removed.length * 2);
        }
        removed[removedCount++] = i++;
      } else {
        if (c > 0 || !base.sameEntry(i, target, j)) {
          if (upsertCount == upserts.length) {
            upserts = Arrays.copyOf(upserts, upserts.length * 2);
          }
          upserts[upsertCount++] = j;
        }
        if (c == 0) {
          i++;
        }
        j++;
      }
    }
    return new Delta(
        base.id(),
        PathList.of(base, removed, removedCount),
        target.select(Arrays.copyOf(upserts, upsertCount)));
  }

  public String baseId() {
    return baseId;
  }

  public PathList removed() {
    return removed;
  }

  public Manifest upserts() {
    return upserts;
  }

  /** How many entries the delta stores. */
  public int weight() {
    return removed.size() + upserts.size();
  }

  /** The version this delta describes, given its base. */
  public Manifest applyTo(Manifest base) {
    ManifestBuilder builder = new ManifestBuilder("delta on " + baseId);
    builder.expect(base.size() + upserts.size(), 0);
    int i = 0;
    int r = 0;
    int u = 0;
    while (i < base.size() || u < upserts.size()) {
      while (r < removed.size() && i < base.size() && removed.compareTo(r, base, i) < 0) {
        r++;
      }
      boolean isRemoved =
          i < base.size() && r < removed.size() && removed.compareTo(r, base, i) == 0;
      int c = i >= base.size() ? 1 : u >= upserts.size() ? -1 : base.comparePath(i, upserts, u);
      if (c < 0) {
        if (!isRemoved) {
          builder.add(base, i);
        }
        i++;
      } else {
        builder.add(upserts, u++);
        if (c == 0) {
          i++;
        }
      }
    }
    return builder.build();
  }
}
