package io.ctsuite.tracking.query;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Progress;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An index over every run directory of a store, so that leaderboards and searches over thousands of
 * runs open one file instead of thousands. Kept in {@code <runs>/.index/runs.idx}.
 *
 * <p>The index knows each run's {@code run.json} by a stamp of its modification time, size and file
 * identity (an atomic rewrite makes a new file). {@link #refresh()} lists the run directories,
 * re-reads the runs whose stamp changed or that are new, drops the deleted ones and saves the index
 * when anything changed; {@link #open} does this on opening, so the index rebuilds itself whenever
 * run directories change. A damaged {@code run.json} is left out with a warning rather than failing
 * the whole index.
 */
public final class RunIndex {
  static final String DIR = ".index";
  static final String FILE = "runs.idx";

  private final RunStore store;
  private final Progress progress;
  private volatile IndexView view;
  private volatile Refresh lastRefresh;

  /** What a refresh found. */
  public record Refresh(
      int runs, int added, int changed, int removed, List<String> warnings, long millis) {
    public boolean changedAnything() {
      return added + changed + removed > 0;
    }
  }

  private RunIndex(RunStore store, Progress progress, IndexView view) {
    this.store = store;
    this.progress = progress;
    this.view = view;
  }

  /** Opens the index of a store's runs directory, bringing it up to date. */
  public static RunIndex open(Path runsRoot) {
    return open(runsRoot, Progress.NONE);
  }

  /**
   * Opens the index, bringing it up to date; {@code progress} hears about runs being (re)indexed.
   */
  public static RunIndex open(Path runsRoot, Progress progress) {
    RunStore store = new RunStore(runsRoot);
    IndexView loaded = load(indexFile(store));
    RunIndex index = new RunIndex(store, progress, loaded);
    index.refresh();
    return index;
  }

  static Path indexFile(RunStore store) {
    return store.root().resolve(DIR).resolve(FILE);
  }

  private static IndexView load(Path file) {
    if (!Files.isRegularFile(file)) {
      return empty();
    }
    try {
      return IndexFile.read(file);
    } catch (IOException | RuntimeException e) {
      // a damaged or older index is only a cache: rebuild it from the runs
      return empty();
    }
  }

  private static IndexView empty() {
    return new IndexView(List.of(), Map.of(), Map.of(), null);
  }

  /** The current snapshot. */
  public IndexView view() {
    return view;
  }

  /** What the last refresh found. */
  public Refresh lastRefresh() {
    return lastRefresh;
  }

  /** Compares the index with the run directories and updates (and saves) it where they differ. */
  public synchronized Refresh refresh() {
    long started = System.nanoTime();
    IndexView old = view;
    Map<String, Long> onDisk = listStamps();
    List<String> warnings = new ArrayList<>();
    Map<String, Integer> keep = new LinkedHashMap<>();
    List<String> toRead = new ArrayList<>();
    int changed = 0;
    for (Map.Entry<String, Long> e : onDisk.entrySet()) {
      int row = old.rowOf(e.getKey());
      if (row >= 0 && old.stamp(row) == e.getValue()) {
        keep.put(e.getKey(), row);
      } else {
        if (row >= 0) {
          changed++;
        }
        toRead.add(e.getKey());
      }
    }
    int removed = 0;
    for (int r = 0; r < old.size(); r++) {
      if (!onDisk.containsKey(old.id(r))) {
        removed++;
      }
    }
    int added = toRead.size() - changed;
    if (toRead.isEmpty() && removed == 0) {
      lastRefresh = new Refresh(old.size(), 0, 0, 0, List.of(), elapsed(started));
      return lastRefresh;
    }
    Map<String, RunSummary> read = readSummaries(toRead, onDisk, warnings);
    IndexView rebuilt = rebuild(old, keep, read, onDisk);
    IndexFile.write(indexFile(store), rebuilt);
    view = rebuilt;
    lastRefresh =
        new Refresh(
            rebuilt.size(), added, changed, removed, List.copyOf(warnings), elapsed(started));
    return lastRefresh;
  }

  private static long elapsed(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /** The stamp of every run's run.json, by run id. */
  private Map<String, Long> listStamps() {
    Map<String, Long> stamps = new HashMap<>();
    Path root = store.root();
    if (!Files.isDirectory(root)) {
      return stamps;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        try {
          BasicFileAttributes attrs =
              Files.readAttributes(dir.resolve(RunStore.SUMMARY), BasicFileAttributes.class);
          stamps.put(name, stamp(attrs));
        } catch (NoSuchFileException e) {
          // not a run directory (or one being created)
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return stamps;
  }

  static long stamp(BasicFileAttributes attrs) {
    long time = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    return time * 31 + attrs.size() * 1_000_003L + Objects.hashCode(attrs.fileKey());
  }

  private Map<String, RunSummary> readSummaries(
      List<String> ids, Map<String, Long> stamps, List<String> warnings) {
    Map<String, RunSummary> read = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger done = new AtomicInteger();
    int total = ids.size();
    ids.parallelStream()
        .forEach(
            id -> {
              try {
                read.put(id, store.summary(id));
              } catch (InputException | UncheckedIOException e) {
                problems.add(id + ": " + e.getMessage());
              }
              int n = done.incrementAndGet();
              if (n % 1000 == 0 || n == total) {
                progress.update("indexing runs", n, total, 0, 0);
              }
            });
    warnings.addAll(new TreeSet<>(problems));
    return read;
  }

  /**
   * A new view of the kept rows and the runs read; the stamps are those listed before reading, so
   * that a run rewritten meanwhile is read again by the next refresh.
   */
  private static IndexView rebuild(
      IndexView old,
      Map<String, Integer> keep,
      Map<String, RunSummary> read,
      Map<String, Long> stamps) {
    List<String> ids = new ArrayList<>(keep.keySet());
    ids.addAll(read.keySet());
    java.util.Collections.sort(ids);
    List<IndexView.Row> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      Integer oldRow = keep.get(id);
      if (oldRow != null) {
        rows.add(old.row(oldRow));
      } else {
        rows.add(row(read.get(id), stamps.getOrDefault(id, 0L)));
      }
    }
    TreeSet<String> keys = new TreeSet<>();
    if (!keep.isEmpty()) {
      keys.addAll(old.metricKeys());
    }
    read.values().forEach(s -> keys.addAll(s.metrics().keySet()));
    Map<String, MetricColumn> columns = new HashMap<>();
    for (String key : keys) {
      MetricColumn oldColumn = keep.isEmpty() ? null : old.metric(key);
      MetricColumn column = new MetricColumn(ids.size());
      boolean any = false;
      for (int r = 0; r < ids.size(); r++) {
        String id = ids.get(r);
        Integer oldRow = keep.get(id);
        if (oldRow != null) {
          if (oldColumn != null && oldColumn.has(oldRow)) {
            column.copy(r, oldColumn, oldRow);
            any = true;
          }
        } else {
          MetricSummary s = read.get(id).metric(key);
          if (s != null && s.count() > 0) {
            column.set(r, s);
            any = true;
          }
        }
      }
      if (any) {
        columns.put(key, column);
      }
    }
    return new IndexView(rows, columns, Map.of(), null);
  }

  private static IndexView.Row row(RunSummary s, long stamp) {
    return new IndexView.Row(
        s.id(),
        stamp,
        s.family(),
        s.name(),
        s.status(),
        s.startedAt() == null ? IndexView.NO_TIME : s.startedAt(),
        s.endedAt() == null ? IndexView.NO_TIME : s.endedAt(),
        new HashMap<>(s.params()),
        new HashMap<>(s.tags()));
  }
}
