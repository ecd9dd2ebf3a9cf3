package io.jenkins.plugins.ct.promotion;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.ctsuite.promotion.report.TrendChartOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The job's promotion history ({@code …/promotions/}, JSON at {@code …/promotions/api/json}): which
 * builds promoted which model version, when, and the merge request as recorded then; the job page
 * shows the key metric of the promoted models over time. Built from the last {@value #MAX_BUILDS}
 * builds, like other trend charts.
 */
@ExportedBean(defaultVisibility = 2)
public final class PromotionJobAction implements Action {
  static final int MAX_BUILDS = 100;
  static final String URL = "promotions";

  private final Job<?, ?> job;

  PromotionJobAction(Job<?, ?> job) {
    this.job = job;
  }

  public Job<?, ?> getJob() {
    return job;
  }

  @Override
  public String getIconFileName() {
    return "/plugin/ct-promotion/icons/gate.svg";
  }

  @Override
  public String getDisplayName() {
    return "Model promotions";
  }

  @Override
  public String getUrlName() {
    return URL;
  }

  public Api getApi() {
    return new Api(this);
  }

  /** Promotions and refusals of the recent builds, newest first. */
  @Exported(inline = true)
  public List<Entry> getHistory() {
    List<Entry> entries = new ArrayList<>();
    for (Run<?, ?> build : job.getBuilds().limit(MAX_BUILDS)) {
      PromotionAction action = build.getAction(PromotionAction.class);
      if (action == null) {
        continue;
      }
      List<PromotionRecord> records = new ArrayList<>(action.getPromotions());
      Collections.reverse(records);
      for (PromotionRecord record : records) {
        entries.add(new Entry(build, record));
      }
    }
    return entries;
  }

  /**
   * Only the promotions that reached GitLab (no refusals, no dry runs), oldest first, one per build
   * and model: the last one, i.e. the version the merge request held when the build ended.
   */
  List<Entry> promoted() {
    List<Entry> promoted = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Entry entry : getHistory()) { // newest first: the first seen is the build's last
      if (entry.record.isPromoted() && seen.add(entry.getBuild() + " " + entry.record.getKey())) {
        promoted.add(entry);
      }
    }
    Collections.reverse(promoted);
    return promoted;
  }

  public boolean hasPromotions() {
    return !promoted().isEmpty();
  }

  /** The key metric of each promoted model as ECharts options: {@code …/promotions/trend}. */
  public HttpResponse doTrend() {
    job.checkPermission(Item.READ);
    List<TrendChartOptions.Point> points = new ArrayList<>();
    for (Entry entry : promoted()) {
      PromotionRecord r = entry.record;
      if (r.getKeyMetric() != null && r.getKeyValue() != null) {
        points.add(
            new TrendChartOptions.Point(
                "#" + entry.build.getNumber(),
                modelLine(r.getKey()) + " " + r.getKeyMetric(),
                r.getKeyValue(),
                r.getKeyBaseline(),
                r.getVersion()));
      }
    }
    return TextResponse.json(TrendChartOptions.render(points));
  }

  /** "phase-recognition" for the key models.phase-recognition: names the trend's lines. */
  static String modelLine(String key) {
    String k = key == null ? "" : key;
    return k.substring(k.lastIndexOf('.') + 1);
  }

  /** One promotion (or refusal) with its build. */
  @ExportedBean(defaultVisibility = 3)
  public static final class Entry {
    private final Run<?, ?> build;
    private final PromotionRecord record;

    Entry(Run<?, ?> build, PromotionRecord record) {
      this.build = build;
      this.record = record;
    }

    @Exported
    public int getBuild() {
      return build.getNumber();
    }

    public Run<?, ?> getRun() {
      return build;
    }

    @Exported(inline = true)
    public PromotionRecord getPromotion() {
      return record;
    }
  }

  /** Adds the page to every job whose builds ran a gate or promotion (a file check per job). */
  @Extension
  public static final class Factory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
      return Job.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
      return JobPromotions.isMarked(target)
          ? List.of(new PromotionJobAction(target))
          : Collections.emptyList();
    }
  }
}
