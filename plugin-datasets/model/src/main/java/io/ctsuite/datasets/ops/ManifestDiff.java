package io.ctsuite.datasets.ops;

import io.ctsuite.datasets.IntSorter;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entry-level difference between two manifests: added, removed, modified (same path, other
 * content) and renamed (same content, other path). One merge over the two path-sorted manifests,
 * then a sort by hash of what was added and removed to pair up renames: a million entries against a
 * million take well under a second and no per-entry objects.
 */
public final class ManifestDiff {
  private final Manifest before;
  private final Manifest after;
  private final int[] added;
  private final int[] removed;
  private final int[] modifiedBefore;
  private final int[] modifiedAfter;
  private final int[] renamedBefore;
  private final int[] renamedAfter;

  private ManifestDiff(
      Manifest before,
      Manifest after,
      int[] added,
      int[] removed,
      int[] modifiedBefore,
      int[] modifiedAfter,
      int[] renamedBefore,
      int[] renamedAfter) {
    this.before = before;
    this.after = after;
    this.added = added;
    this.removed = removed;
    this.modifiedBefore = modifiedBefore;
    this.modifiedAfter = modifiedAfter;
    this.renamedBefore = renamedBefore;
    this.renamedAfter = renamedAfter;
  }

  public static ManifestDiff between(Manifest before, Manifest after) {
    IntList added = new IntList();
    IntList removed = new IntList();
    IntList modifiedBefore = new IntList();
    IntList modifiedAfter = new IntList();
    int i = 0;
    int j = 0;
    int n = before.size();
    int m = after.size();
    while (i < n || j < m) {
      int c = i >= n ? 1 : j >= m ? -1 : before.comparePath(i, after, j);
      if (c < 0) {
        removed.add(i++);
      } else if (c > 0) {
        added.add(j++);
      } else {
        if (!before.sameHash(i, after, j) || before.fileSize(i) != after.fileSize(j)) {
          modifiedBefore.add(i);
          modifiedAfter.add(j);
        }
        i++;
        j++;
      }
    }
    int[] gone = removed.toArray();
    int[] fresh = added.toArray();
    IntSorter.sort(gone, (a, b) -> compareByHash(before, a, before, b));
    IntSorter.sort(fresh, (a, b) -> compareByHash(after, a, after, b));
    IntList renamedBefore = new IntList();
    IntList renamedAfter = new IntList();
    IntList stillRemoved = new IntList();
    IntList stillAdded = new IntList();
    int p = 0;
    int q = 0;
    while (p < gone.length || q < fresh.length) {
      int c =
          p >= gone.length
              ? 1
              : q >= fresh.length ? -1 : before.compareHash(gone[p], after, fresh[q]);
      if (c == 0 && before.fileSize(gone[p]) == after.fileSize(fresh[q])) {
        renamedBefore.add(gone[p++]);
        renamedAfter.add(fresh[q++]);
      } else if (c < 0 || (c == 0 && before.fileSize(gone[p]) < after.fileSize(fresh[q]))) {
        stillRemoved.add(gone[p++]);
      } else {
        stillAdded.add(fresh[q++]);
      }
    }
    int[] finalRemoved = stillRemoved.toArray();
    int[] finalAdded = stillAdded.toArray();
    Arrays.sort(finalRemoved);
    Arrays.sort(finalAdded);
    return new ManifestDiff(
        before,
        after,
        finalAdded,
        finalRemoved,
        modifiedBefore.toArray(),
        modifiedAfter.toArray(),
        renamedBefore.toArray(),
        renamedAfter.toArray());
  }

  private static int compareByHash(Manifest x, int a, Manifest y, int b) {
    int c = x.compareHash(a, y, b);
    if (c != 0) {
      return c;
    }
    c = Long.compare(x.fileSize(a), y.fileSize(b));
    return c != 0 ? c : Integer.compare(a, b);
  }

  public Manifest before() {
    return before;
  }

  public Manifest after() {
    return after;
  }

  /** Indices in {@link #after()} of added entries, ascending. */
  public int[] added() {
    return added.clone();
  }

  /** Indices in {@link #before()} of removed entries, ascending. */
  public int[] removed() {
    return removed.clone();
  }

  public int addedCount() {
    return added.length;
  }

  public int removedCount() {
    return removed.length;
  }

  public int modifiedCount() {
    return modifiedBefore.length;
  }

  public int renamedCount() {
    return renamedBefore.length;
  }

  public boolean isEmpty() {
    return added.length == 0
        && removed.length == 0
        && modifiedBefore.length == 0
        && renamedBefore.length == 0;
  }

  /** One changed entry, for listings. */
  public record Change(String kind, String path, String oldPath, long size) {}

  /**
   * Up to {@code limit} changes of each kind, paths in order: {@code added}, {@code removed},
   * {@code modified}, {@code renamed} (with the old path).
   */
  public List<Change> changes(int limit) {
    List<Change> changes = new ArrayList<>();
    for (int k = 0; k < Math.min(limit, added.length); k++) {
      changes.add(new Change("added", after.path(added[k]), null, after.fileSize(added[k])));
    }
    for (int k = 0; k < Math.min(limit, removed.length); k++) {
      changes.add(
          new Change("removed", before.path(removed[k]), null, before.fileSize(removed[k])));
    }
    for (int k = 0; k < Math.min(limit, modifiedAfter.length); k++) {
      changes.add(
          new Change(
              "modified", after.path(modifiedAfter[k]), null, after.fileSize(modifiedAfter[k])));
    }
    int[] order = new int[renamedAfter.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    IntSorter.sort(order, (a, b) -> after.comparePath(renamedAfter[a], after, renamedAfter[b]));
    for (int k = 0; k < Math.min(limit, order.length); k++) {
      int r = order[k];
      changes.add(
          new Change(
              "renamed",
              after.path(renamedAfter[r]),
              before.path(renamedBefore[r]),
              after.fileSize(renamedAfter[r])));
    }
    return changes;
  }

  /** The change in numbers, per source and per canonical label. */
  public DatasetChange summarize(String dataset, String from, String to, LabelAliases aliases) {
    Groups groups = new Groups(aliases);
    int[] sourceBefore = groups.sourcesOf(before);
    int[][] labelsBefore = groups.labelsOf(before);
    int[] sourceAfter = groups.sourcesOf(after);
    int[][] labelsAfter = groups.labelsOf(after);
    long[][] bySource = new long[groups.sourceCount()][9];
    long[][] byLabel = new long[groups.labelCount()][9];
    for (int i = 0; i < before.size(); i++) {
      int t = before.metaIndex(i);
      count(bySource[sourceBefore[t]], 0, 2, before.fileSize(i));
      for (int label : labelsBefore[t]) {
        count(byLabel[label], 0, 2, before.fileSize(i));
      }
    }
    for (int j = 0; j < after.size(); j++) {
      int t = after.metaIndex(j);
      count(bySource[sourceAfter[t]], 1, 3, after.fileSize(j));
      for (int label : labelsAfter[t]) {
        count(byLabel[label], 1, 3, after.fileSize(j));
      }
    }
    long addedBytes = 0;
    for (int j : added) {
      int t = after.metaIndex(j);
      addedBytes += after.fileSize(j);
      count(bySource[sourceAfter[t]], 4, 5, after.fileSize(j));
      for (int label : labelsAfter[t]) {
        count(byLabel[label], 4, 5, after.fileSize(j));
      }
    }
    long removedBytes = 0;
    for (int i : removed) {
      int t = before.metaIndex(i);
      removedBytes += before.fileSize(i);
      count(bySource[sourceBefore[t]], 6, 7, before.fileSize(i));
      for (int label : labelsBefore[t]) {
        count(byLabel[label], 6, 7, before.fileSize(i));
      }
    }
    long modifiedBytes = 0;
    for (int j : modifiedAfter) {
      int t = after.metaIndex(j);
      modifiedBytes += after.fileSize(j);
      bySource[sourceAfter[t]][8]++;
      for (int label : labelsAfter[t]) {
        byLabel[label][8]++;
      }
    }
    Map<String, GroupChange> sources = new TreeMap<>();
    List<String> newSources = new ArrayList<>();
    List<String> goneSources = new ArrayList<>();
    for (int s = 0; s < bySource.length; s++) {
      long[] c = bySource[s];
      if (c[0] == 0 && c[1] == 0) {
        continue; // a metadata value no entry of either version uses
      }
      sources.put(groups.source(s), group(c));
      if (!groups.source(s).equals(Groups.NONE)) {
        if (c[0] == 0 && c[1] > 0) {
          newSources.add(groups.source(s));
        } else if (c[0] > 0 && c[1] == 0) {
          goneSources.add(groups.source(s));
        }
      }
    }
    Map<String, GroupChange> labels = new TreeMap<>();
    List<String> newLabels = new ArrayList<>();
    long labelledBefore = 0;
    long labelledAfter = 0;
    for (long[] c : byLabel) {
      labelledBefore += c[0];
      labelledAfter += c[1];
    }
    double shift = 0;
    for (int l = 0; l < byLabel.length; l++) {
      long[] c = byLabel[l];
      if (c[0] == 0 && c[1] == 0) {
        continue;
      }
      labels.put(groups.label(l), group(c));
      if (c[0] == 0 && c[1] > 0) {
        newLabels.add(groups.label(l));
      }
      double p = labelledBefore == 0 ? 0 : (double) c[0] / labelledBefore;
      double q = labelledAfter == 0 ? 0 : (double) c[1] / labelledAfter;
      shift += Math.abs(p - q);
    }
    if (labelledBefore == 0 || labelledAfter == 0) {
      shift = labelledBefore == labelledAfter ? 0 : 2;
    }
    newSources.sort(null);
    goneSources.sort(null);
    newLabels.sort(null);
    return new DatasetChange(
        dataset,
        from,
        before.id(),
        to,
        after.id(),
        before.size(),
        after.size(),
        before.totalBytes(),
        after.totalBytes(),
        added.length,
        addedBytes,
        removed.length,
        removedBytes,
        modifiedAfter.length,
        modifiedBytes,
        renamedAfter.length,
        sources,
        labels,
        newSources,
        goneSources,
        newLabels,
        shift / 2,
        after.newestModified());
  }

  private static void count(long[] counters, int files, int bytes, long size) {
    counters[files]++;
    counters[bytes] += size;
  }

  private static GroupChange group(long[] c) {
    return new GroupChange(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
  }

  /** A growable int array. */
  static final class IntList {
    private int[] items = new int[16];
    private int size;

    void add(int value) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = value;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(items, size);
    }
  }
}
