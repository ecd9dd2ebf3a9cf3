package io.jenkins.plugins.ct.tracking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.Util;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.ctsuite.core.InputException;
import io.ctsuite.tracking.query.IndexView;
import io.ctsuite.tracking.query.Leaderboard;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.MetricSeries;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.Metrics;
import io.ctsuite.tracking.run.ParamValues;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.session.RunTrend;
import io.ctsuite.tracking.session.RunView;
import io.ctsuite.tracking.store.RunStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The job's experiments ({@code …/experiments/}): a trend of the key metric on the job page, a
 * leaderboard of every tracked run (ranked by any metric, filtered with the ct filter language,
 * paged) and a side-by-side comparison of chosen runs. Everything but the comparison's curves comes
 * from the job's run index, one file, however many builds there are.
 */
@ExportedBean(defaultVisibility = 2)
public final class ExperimentJobAction implements Action {
  static final String URL = "experiments";
  static final int PAGE_SIZE = 50;
  static final String BUILD_TAG = "jenkins.build";
  private static final int TREND_POINTS = 500;

  private final Job<?, ?> job;

  ExperimentJobAction(Job<?, ?> job) {
    this.job = job;
  }

  public Job<?, ?> getJob() {
    return job;
  }

  @Override
  public String getIconFileName() {
    return "/plugin/ct-tracking/icons/experiment.svg";
  }

  @Override
  public String getDisplayName() {
    return "Experiments";
  }

  @Override
  public String getUrlName() {
    return URL;
  }

  private IndexView view() {
    return JobRuns.index(job).view();
  }

  /** {@code …/experiments/api/json}: the key metric, every metric and the number of runs. */
  public hudson.model.Api getApi() {
    return new hudson.model.Api(this);
  }

  /** How many tracked runs the job's index holds. */
  @Exported
  public int getRunCount() {
    return view().size();
  }

  /** Every metric any run of the job has, sorted. */
  @Exported
  public Set<String> getMetricKeys() {
    return view().metricKeys();
  }

  /** The metric the trend and the leaderboard use unless asked otherwise. */
  @Exported
  public String getKeyMetric() {
    Set<String> keys = getMetricKeys();
    String configured = CtTrackingConfiguration.defaultKeyMetricOrDefault();
    if (keys.contains(configured) || keys.isEmpty()) {
      return configured;
    }
    return keys.iterator().next();
  }

  // ---- trend ------------------------------------------------------------------------------

  /**
   * The key metric's best value per build as a chart view ({@code metrics[0].option} is the ECharts
   * option), for the job page and the experiments page.
   */
  public HttpResponse doTrend(@QueryParameter String metric, @QueryParameter String family) {
    job.checkPermission(Item.READ);
    String key = Util.fixEmptyAndTrim(metric) == null ? getKeyMetric() : metric.trim();
    Goal goal = RunComparison.guessGoal(key);
    RunTrend trend =
        RunTrend.of(view(), key, goal, ValueKind.BEST, Util.fixEmptyAndTrim(family), BUILD_TAG);
    String title = key + " (" + (goal == Goal.MAX ? "max" : "min") + " per build)";
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    view.putObject("run").put("status", "FINISHED");
    ArrayNode charts = view.putArray("metrics");
    if (trend.size() > 0) {
      charts
          .addObject()
          .put("key", title)
          .set(
              "option",
              RunView.trend(title, trend.keys(), trend.values(), trend.times(), TREND_POINTS));
    }
    return new JsonResponse(RunView.text(view));
  }

  // ---- leaderboard ------------------------------------------------------------------------

  /** One page of the ranking, as the page's query asks for it. */
  public LeaderboardView getLeaderboard() {
    StaplerRequest2 req = Stapler.getCurrentRequest2();
    String metric = param(req, "metric");
    String key = metric == null ? getKeyMetric() : metric;
    String goalText = param(req, "goal");
    Goal goal =
        goalText == null
            ? RunComparison.guessGoal(key)
            : "min".equalsIgnoreCase(goalText) ? Goal.MIN : Goal.MAX;
    ValueKind kind = "last".equalsIgnoreCase(param(req, "value")) ? ValueKind.LAST : ValueKind.BEST;
    String where = param(req, "where");
    String family = param(req, "family");
    int page = Math.max(0, parseInt(param(req, "page")));
    return LeaderboardView.of(this, key, goal, kind, where, family, page);
  }

  /**
   * The leaderboard as JSON ({@code …/experiments/leaderboardJson?metric=&goal=&value=&where=
   * &family=&page=}), for tools and gates: the same page the leaderboard shows.
   */
  public HttpResponse doLeaderboardJson() {
    job.checkPermission(Item.READ);
    LeaderboardView lb = getLeaderboard();
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("metric", lb.metric).put("goal", lb.goal).put("value", lb.value);
    json.put("where", lb.where).put("family", lb.family).put("page", lb.page);
    json.put("pageSize", PAGE_SIZE).put("total", lb.total).put("withoutMetric", lb.withoutMetric);
    if (lb.error != null) {
      json.put("error", lb.error);
    }
    ArrayNode rows = json.putArray("rows");
    for (Row r : lb.rows) {
      rows.addObject()
          .put("rank", r.rank)
          .put("run", r.runId)
          .put("build", r.build)
          .put("experiment", r.family)
          .put("status", r.status)
          .put("value", r.value)
          .put("step", r.step)
          .put("params", r.params);
    }
    return new JsonResponse(RunView.text(json));
  }

  /** What the leaderboard page shows. */
  public static final class LeaderboardView {
    private final String metric;
    private final String goal;
    private final String value;
    private final String where;
    private final String family;
    private final int page;
    private final String error;
    private final List<Row> rows = new ArrayList<>();
    private final int total;
    private final int withoutMetric;
    private final List<String> otherMetrics = new ArrayList<>();

    private LeaderboardView(
        String metric,
        Goal goal,
        ValueKind kind,
        String where,
        String family,
        int page,
        String error,
        int total,
        int withoutMetric) {
      this.metric = metric;
      this.goal = goal.name().toLowerCase(Locale.ROOT);
      this.value = kind.name().toLowerCase(Locale.ROOT);
      this.where = where == null ? "" : where;
      this.family = family == null ? "" : family;
      this.page = page;
      this.error = error;
      this.total = total;
      this.withoutMetric = withoutMetric;
    }

    static LeaderboardView of(
        ExperimentJobAction action,
        String metric,
        Goal goal,
        ValueKind kind,
        String where,
        String family,
        int page) {
      IndexView index = action.view();
      Leaderboard.Page ranked;
      try {
        ranked =
            Leaderboard.rank(
                index,
                new Leaderboard.Query(
                    family, metric, goal, kind, where, page * PAGE_SIZE, PAGE_SIZE));
      } catch (InputException e) {
        return new LeaderboardView(metric, goal, kind, where, family, page, e.getMessage(), 0, 0);
      }
      LeaderboardView v =
          new LeaderboardView(
              metric,
              goal,
              kind,
              where,
              family,
              page,
              null,
              ranked.total(),
              ranked.withoutMetric());
      for (String key : index.metricKeys()) {
        if (!key.equals(metric) && v.otherMetrics.size() < 4) {
          v.otherMetrics.add(key);
        }
      }
      for (Leaderboard.Row r : ranked.rows()) {
        List<String> others = new ArrayList<>();
        int row = index.rowOf(r.runId());
        for (String key : v.otherMetrics) {
          var column = index.metric(key);
          others.add(
              column == null || row < 0 || !column.has(row)
                  ? ""
                  : Metrics.format(
                      column.value(row, ValueKind.LAST, RunComparison.guessGoal(key))));
        }
        v.rows.add(new Row(r, others));
      }
      return v;
    }

    public boolean hasNext() {
      return (page + 1) * PAGE_SIZE < total;
    }

    public int getFirst() {
      return page * PAGE_SIZE + 1;
    }

    public int getLast() {
      return Math.min(total, (page + 1) * PAGE_SIZE);
    }

    public String getMetric() {
      return metric;
    }

    public String getGoal() {
      return goal;
    }

    public String getValue() {
      return value;
    }

    public String getWhere() {
      return where;
    }

    public String getFamily() {
      return family;
    }

    public int getPage() {
      return page;
    }

    public String getError() {
      return error;
    }

    public List<Row> getRows() {
      return rows;
    }

    public int getTotal() {
      return total;
    }

    public int getWithoutMetric() {
      return withoutMetric;
    }

    public List<String> getOtherMetrics() {
      return otherMetrics;
    }
  }

  /** One ranked run. */
  public static final class Row {
    private final int rank;
    private final String runId;
    private final String build;
    private final String family;
    private final String status;
    private final String value;
    private final long step;
    private final String params;
    private final List<String> others;

    Row(Leaderboard.Row r, List<String> others) {
      this.rank = r.rank();
      this.runId = r.runId();
      this.build = r.tags().get(BUILD_TAG);
      this.family = r.family();
      this.status = r.status().name();
      this.value = Metrics.format(r.value());
      this.step = r.step();
      StringBuilder text = new StringBuilder();
      new java.util.TreeMap<>(r.params())
          .forEach(
              (k, v) -> {
                if (text.length() < 160) {
                  text.append(text.length() == 0 ? "" : ", ")
                      .append(k)
                      .append('=')
                      .append(ParamValues.format(v));
                }
              });
      this.params = text.toString();
      this.others = others;
    }

    public int getRank() {
      return rank;
    }

    public String getRunId() {
      return runId;
    }

    public String getBuild() {
      return build;
    }

    public String getFamily() {
      return family;
    }

    public String getStatus() {
      return status;
    }

    public String getValue() {
      return value;
    }

    public long getStep() {
      return step;
    }

    public String getParams() {
      return params;
    }

    public List<String> getOthers() {
      return others;
    }
  }

  // ---- compare ----------------------------------------------------------------------------

  /** The runs named by the {@code run} query parameters, as the compare page shows them. */
  public CompareView getComparison() {
    StaplerRequest2 req = Stapler.getCurrentRequest2();
    String[] ids = req == null ? null : req.getParameterValues("run");
    return compare(ids == null ? List.of() : List.of(ids));
  }

  CompareView compare(List<String> ids) {
    RunStore store = JobRuns.store(job);
    List<RunSummary> runs = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      try {
        runs.add(store.summary(id));
      } catch (InputException e) {
        missing.add(id);
      }
    }
    return new CompareView(runs, missing);
  }

  /** Params that differ and each metric's value per run (the model's comparison). */
  public static final class CompareView {
    private final List<String> runIds = new ArrayList<>();
    private final List<String> builds = new ArrayList<>();
    private final List<String> missing;
    private final List<Map.Entry<String, List<String>>> params = new ArrayList<>();
    private final List<MetricLine> metrics = new ArrayList<>();
    private final int sameParams;

    CompareView(List<RunSummary> runs, List<String> missing) {
      this.missing = missing;
      runs.forEach(
          r -> {
            runIds.add(r.id());
            builds.add(r.tags().get(BUILD_TAG));
          });
      if (runs.isEmpty()) {
        sameParams = 0;
        return;
      }
      RunComparison c = RunComparison.of(runs, ValueKind.LAST);
      for (RunComparison.ParamDiff d : c.differingParams()) {
        List<String> values = new ArrayList<>();
        d.values().forEach(v -> values.add(v == null ? "–" : ParamValues.format(v)));
        params.add(Map.entry(d.key(), values));
      }
      for (RunComparison.MetricDiff m : c.metrics()) {
        metrics.add(new MetricLine(m));
      }
      sameParams = c.sameParams();
    }

    public String getQuery() {
      StringBuilder q = new StringBuilder();
      runIds.forEach(id -> q.append(q.length() == 0 ? "" : "&").append("run=").append(id));
      return q.toString();
    }

    public List<String> getRunIds() {
      return runIds;
    }

    public List<String> getBuilds() {
      return builds;
    }

    public List<String> getMissing() {
      return missing;
    }

    public List<Map.Entry<String, List<String>>> getParams() {
      return params;
    }

    public List<MetricLine> getMetrics() {
      return metrics;
    }

    public int getSameParams() {
      return sameParams;
    }
  }

  /** One metric across the compared runs: last values, differences to the first, the best. */
  public static final class MetricLine {
    private final String key;
    private final List<String> values = new ArrayList<>();
    private final List<String> deltas = new ArrayList<>();
    private final int best;

    MetricLine(RunComparison.MetricDiff m) {
      this.key = m.key();
      m.values().forEach(v -> values.add(Metrics.format(v)));
      for (int i = 0; i < m.deltas().size(); i++) {
        double d = m.deltas().get(i);
        deltas.add(i == 0 || Double.isNaN(d) ? "" : (d >= 0 ? "+" : "") + Metrics.format(d));
      }
      this.best = m.best();
    }

    public String getKey() {
      return key;
    }

    public List<String> getValues() {
      return values;
    }

    public List<String> getDeltas() {
      return deltas;
    }

    public int getBest() {
      return best;
    }
  }

  /**
   * The curves of the compared runs, one chart per metric with a curve per run, read from each
   * build's series files.
   */
  public HttpResponse doCompareView() {
    job.checkPermission(Item.READ);
    CompareView c = getComparison();
    Map<String, Map<String, MetricSeries>> byMetric = new java.util.TreeMap<>();
    for (int i = 0; i < c.runIds.size(); i++) {
      String id = c.runIds.get(i);
      String label = c.builds.get(i) == null ? id : "#" + c.builds.get(i) + " " + id;
      ExperimentAction action = actionOf(c.builds.get(i));
      if (action == null) {
        continue;
      }
      action
          .metricSeries(id)
          .asMap()
          .forEach(
              (key, s) -> byMetric.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(label, s));
    }
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    view.putObject("run").put("status", "FINISHED");
    ArrayNode charts = view.putArray("metrics");
    byMetric.forEach(
        (key, curves) ->
            charts
                .addObject()
                .put("key", key)
                .set("option", RunView.overlay(key, curves, RunView.DEFAULT_MAX_POINTS)));
    return new JsonResponse(RunView.text(view));
  }

  private ExperimentAction actionOf(String build) {
    if (build == null) {
      return null;
    }
    try {
      Run<?, ?> run = job.getBuildByNumber(Integer.parseInt(build));
      return run == null ? null : run.getAction(ExperimentAction.class);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String param(StaplerRequest2 req, String name) {
    return req == null ? null : Util.fixEmptyAndTrim(req.getParameter(name));
  }

  private static int parseInt(String text) {
    try {
      return text == null ? 0 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
