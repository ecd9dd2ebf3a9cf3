package io.jenkins.plugins.ct.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.Artifact;
import io.ctsuite.tracking.run.DatasetRef;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One tracked run of a build: what build.xml keeps of it (the summary as run.json text, small) and
 * where its session lives while it runs. The parsed summary is cached; the bulk series are read
 * from the build directory only when a page asks for them.
 */
@ExportedBean(defaultVisibility = 2)
public final class ExperimentRun {
  private final String id;
  private final String name;
  private final RunHandle handle;
  private volatile String summaryJson;
  private transient volatile WeakReference<RunSummary> parsed;

  ExperimentRun(String id, String name, RunHandle handle, String summaryJson) {
    this.id = id;
    this.name = name;
    this.handle = handle;
    this.summaryJson = summaryJson;
  }

  @Exported
  public String getId() {
    return id;
  }

  /** The experiment's name (the family it is ranked in). */
  @Exported
  public String getName() {
    return name;
  }

  @CheckForNull
  RunHandle getHandle() {
    return handle;
  }

  /** The summary; a RUNNING stub until the run ends. */
  public RunSummary getSummary() {
    WeakReference<RunSummary> ref = parsed;
    RunSummary s = ref == null ? null : ref.get();
    if (s == null) {
      s = parse(summaryJson, id);
      parsed = new WeakReference<>(s);
    }
    return s;
  }

  void setSummary(RunSummary summary) {
    this.summaryJson = text(summary);
    this.parsed = new WeakReference<>(summary);
  }

  String getSummaryJson() {
    return summaryJson;
  }

  static String text(RunSummary summary) {
    return new String(RunJson.toBytes(summary), java.nio.charset.StandardCharsets.UTF_8);
  }

  static RunSummary parse(String json, String where) {
    try {
      JsonNode node = Json.mapper().readTree(json);
      return RunJson.fromJson(node, "build record of run " + where);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InputException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Exported
  public String getStatus() {
    return getSummary().status().name();
  }

  public boolean isRunning() {
    return getSummary().status() == RunStatus.RUNNING;
  }

  @Exported
  public Long getStartedAt() {
    return getSummary().startedAt();
  }

  @Exported
  public Long getEndedAt() {
    return getSummary().endedAt();
  }

  @Exported
  public Map<String, Object> getParams() {
    return new LinkedHashMap<>(getSummary().params());
  }

  @Exported
  public Map<String, String> getTags() {
    return new LinkedHashMap<>(getSummary().tags());
  }

  @Exported
  public List<MetricRow> getMetrics() {
    return MetricRow.of(getSummary().metrics());
  }

  /** System metrics (CPU, memory, GPUs) of the run. */
  @Exported
  public List<MetricRow> getSystem() {
    return MetricRow.of(getSummary().system());
  }

  @Exported
  public List<ArtifactRow> getArtifacts() {
    List<ArtifactRow> rows = new ArrayList<>();
    for (Artifact a : getSummary().artifacts()) {
      rows.add(new ArtifactRow(a));
    }
    return rows;
  }

  /** Datasets the run used, as {@code name@version}. */
  @Exported
  public List<String> getDatasets() {
    List<String> refs = new ArrayList<>();
    for (DatasetRef d : getSummary().references().datasets()) {
      refs.add(d.toString());
    }
    return refs;
  }

  @Exported
  public String getGitCommit() {
    return getSummary().references().gitCommit();
  }

  /** Problems met while capturing (skipped lines, corrupt records), first ones only. */
  @Exported
  public List<String> getWarnings() {
    return getSummary().warnings();
  }

  /** Per GPU its peak and last utilisation, e.g. {@code gpu0 → "peak 98 %, last 87 %"}. */
  public Map<String, String> getGpuUtilisation() {
    Map<String, String> gpus = new LinkedHashMap<>();
    getSummary()
        .system()
        .forEach(
            (key, s) -> {
              if (key.endsWith("/util_percent") && s.count() > 0) {
                gpus.put(
                    key.substring(0, key.indexOf('/')),
                    "peak "
                        + io.ctsuite.tracking.run.Metrics.format(Math.round(s.max()))
                        + " %, last "
                        + io.ctsuite.tracking.run.Metrics.format(Math.round(s.last()))
                        + " %");
              }
            });
    return gpus;
  }

  /** Up to eight metrics for the build page: the configured key metric first. */
  public List<MetricRow> getKeyMetrics() {
    String key = CtTrackingConfiguration.defaultKeyMetricOrDefault();
    List<MetricRow> rows = new ArrayList<>(getMetrics());
    rows.sort(
        java.util.Comparator.comparing((MetricRow m) -> !m.getKey().equals(key))
            .thenComparing(MetricRow::getKey));
    return rows.size() > 8 ? rows.subList(0, 8) : rows;
  }

  /** A metric's summary as the JSON API shows it; "best" follows the metric's name. */
  @ExportedBean(defaultVisibility = 3)
  public static final class MetricRow {
    private final String key;
    private final MetricSummary s;
    private final MetricSummary.Goal goal;

    MetricRow(String key, MetricSummary s) {
      this.key = key;
      this.s = s;
      this.goal = RunComparison.guessGoal(key);
    }

    static List<MetricRow> of(Map<String, MetricSummary> summaries) {
      List<MetricRow> rows = new ArrayList<>();
      summaries.forEach((k, v) -> rows.add(new MetricRow(k, v)));
      return rows;
    }

    @Exported
    public String getKey() {
      return key;
    }

    @Exported
    public long getCount() {
      return s.count();
    }

    @Exported
    public Double getLast() {
      return finite(s.last());
    }

    @Exported
    public long getLastStep() {
      return s.lastStep();
    }

    @Exported
    public Double getMin() {
      return finite(s.min());
    }

    @Exported
    public Double getMax() {
      return finite(s.max());
    }

    /** The mean of the values that are numbers (null for records written before it was kept). */
    @Exported
    public Double getMean() {
      return finite(s.mean());
    }

    /** The best value: the maximum, or the minimum for losses and errors. */
    @Exported
    public Double getBest() {
      return finite(s.value(MetricSummary.ValueKind.BEST, goal));
    }

    @Exported
    public long getBestStep() {
      return goal == MetricSummary.Goal.MAX ? s.maxStep() : s.minStep();
    }

    /** {@code max} or {@code min}: which way is better. */
    @Exported
    public String getGoal() {
      return goal.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Printable last value (NaN and infinities included). */
    public String getLastText() {
      return io.ctsuite.tracking.run.Metrics.format(s.last());
    }

    public String getBestText() {
      return io.ctsuite.tracking.run.Metrics.format(s.value(MetricSummary.ValueKind.BEST, goal));
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }

  /** An artifact the run logged, with size and SHA-256 when the file was found. */
  @ExportedBean(defaultVisibility = 3)
  public static final class ArtifactRow {
    private final Artifact a;

    ArtifactRow(Artifact a) {
      this.a = a;
    }

    @Exported
    public String getPath() {
      return a.path();
    }

    @Exported
    public String getRole() {
      return a.role();
    }

    /** Bytes, or -1 when the file was not found. */
    @Exported
    public long getSize() {
      return a.size();
    }

    @Exported
    public String getSha256() {
      return a.sha256();
    }

    public String getSizeText() {
      return a.size() < 0 ? "not found" : hudson.Functions.humanReadableByteSize(a.size());
    }
  }
}
