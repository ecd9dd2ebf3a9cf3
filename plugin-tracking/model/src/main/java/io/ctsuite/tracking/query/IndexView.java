package io.ctsuite.tracking.query;

import io.ctsuite.tracking.run.RunStatus;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of a {@link RunIndex}: per run (by row) its id, family, status, params and
 * tags, and per metric a {@link MetricColumn}. Columns read from the index file are decoded on
 * first use, so a query touches only the metrics it names.
 */
public final class IndexView {
  /** One run's small fields. */
  record Row(
      String id,
      long stamp,
      String family,
      String name,
      RunStatus status,
      long startedAt,
      long endedAt,
      Map<String, Object> params,
      Map<String, String> tags) {}

  static final long NO_TIME = Long.MIN_VALUE;

  private final List<Row> rows;
  private final Map<String, Integer> byId;
  private final Map<String, MetricColumn> columns;

  /** Undecoded columns: where each one's payload starts in {@link #source}. */
  private final Map<String, int[]> pending;

  private final ByteBuffer source;

  IndexView(
      List<Row> rows,
      Map<String, MetricColumn> columns,
      Map<String, int[]> pending,
      ByteBuffer source) {
    this.rows = rows;
    this.byId = new HashMap<>(rows.size() * 2);
    for (int i = 0; i < rows.size(); i++) {
      byId.put(rows.get(i).id(), i);
    }
    this.columns = new ConcurrentHashMap<>(columns);
    this.pending = pending;
    this.source = source;
  }

  public int size() {
    return rows.size();
  }

  /** The row of a run, or -1. */
  public int rowOf(String id) {
    return byId.getOrDefault(id, -1);
  }

  public String id(int row) {
    return rows.get(row).id();
  }

  public String family(int row) {
    return rows.get(row).family();
  }

  /** The display name, or {@code null}. */
  public String name(int row) {
    return rows.get(row).name();
  }

  public RunStatus status(int row) {
    return rows.get(row).status();
  }

  /** Epoch milliseconds, or {@code null}. */
  public Long startedAt(int row) {
    long t = rows.get(row).startedAt();
    return t == NO_TIME ? null : t;
  }

  public Map<String, Object> params(int row) {
    return Collections.unmodifiableMap(rows.get(row).params());
  }

  public Map<String, String> tags(int row) {
    return Collections.unmodifiableMap(rows.get(row).tags());
  }

  /** Every metric key of any run. */
  public Set<String> metricKeys() {
    Set<String> keys = new java.util.TreeSet<>(columns.keySet());
    keys.addAll(pending.keySet());
    return keys;
  }

  /** The column of a metric, or {@code null} when no run has it. */
  public MetricColumn metric(String key) {
    MetricColumn column = columns.get(key);
    if (column != null) {
      return column;
    }
    int[] at = pending.get(key);
    if (at == null) {
      return null;
    }
    return columns.computeIfAbsent(
        key, k -> IndexFile.decodeColumn(source, at[0], at[1], rows.size()));
  }

  long stamp(int row) {
    return rows.get(row).stamp();
  }

  Row row(int row) {
    return rows.get(row);
  }

  List<Row> rows() {
    return rows;
  }
}
