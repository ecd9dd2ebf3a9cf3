package io.ctsuite.tracking.run;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The bulk data of a run: every series by key (the metrics, or the system metrics). */
public final class RunSeries implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final RunSeries EMPTY = new RunSeries(Map.of());

  private final TreeMap<String, MetricSeries> series;

  public RunSeries(Map<String, MetricSeries> series) {
    this.series = new TreeMap<>(series);
  }

  public static RunSeries empty() {
    return EMPTY;
  }

  public Set<String> keys() {
    return Collections.unmodifiableSet(series.keySet());
  }

  /** The series, or {@code null} when the run has no such key. */
  public MetricSeries get(String key) {
    return series.get(key);
  }

  public Map<String, MetricSeries> asMap() {
    return Collections.unmodifiableMap(series);
  }

  public boolean isEmpty() {
    return series.isEmpty();
  }

  public long points() {
    long n = 0;
    for (MetricSeries s : series.values()) {
      n += s.size();
    }
    return n;
  }

  /** The summaries of every series. */
  public TreeMap<String, MetricSummary> summaries() {
    TreeMap<String, MetricSummary> summaries = new TreeMap<>();
    series.forEach((k, s) -> summaries.put(k, MetricSummary.of(s)));
    return summaries;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunSeries r && series.equals(r.series);
  }

  @Override
  public int hashCode() {
    return series.hashCode();
  }
}
