package io.jenkins.plugins.ct.promotion;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.report.GateChartOptions;
import io.ctsuite.promotion.report.JsonReport;
import io.ctsuite.promotion.report.MarkdownReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What a build did about promotion ({@code …/promotion/}, JSON at {@code …/promotion/api/json}):
 * its regression gates, its promotions and its merge request comments. build.xml keeps summaries;
 * each gate's full report is in {@code <build>/ct-promotion/gate-<id>.json} and {@code .md}.
 */
@ExportedBean(defaultVisibility = 2)
public final class PromotionAction implements RunAction2 {
  static final String DIR = "ct-promotion";
  static final String URL = "promotion";

  private List<GateRecord> gates = new ArrayList<>();
  private List<PromotionRecord> promotions = new ArrayList<>();
  private List<CommentRecord> comments = new ArrayList<>();
  private transient Run<?, ?> owner;

  /** The build's action, added on first use. */
  static PromotionAction of(Run<?, ?> build) throws IOException {
    synchronized (build) {
      PromotionAction action = build.getAction(PromotionAction.class);
      if (action == null) {
        action = new PromotionAction();
        build.addAction(action);
        build.save();
      }
      return action;
    }
  }

  @Override
  public void onAttached(Run<?, ?> r) {
    owner = r;
    attachRecords();
  }

  @Override
  public void onLoad(Run<?, ?> r) {
    owner = r;
    attachRecords();
  }

  private synchronized void attachRecords() {
    if (gates == null) {
      gates = new ArrayList<>();
    }
    if (promotions == null) {
      promotions = new ArrayList<>();
    }
    if (comments == null) {
      comments = new ArrayList<>();
    }
    for (GateRecord gate : gates) {
      gate.attach(this);
    }
  }

  public Run<?, ?> getOwner() {
    return owner;
  }

  @Override
  public String getIconFileName() {
    return "/plugin/ct-promotion/icons/gate.svg";
  }

  @Override
  public String getDisplayName() {
    return "Model promotion";
  }

  @Override
  public String getUrlName() {
    return URL;
  }

  public Api getApi() {
    return new Api(this);
  }

  @Exported(inline = true)
  public synchronized List<GateRecord> getGates() {
    return new ArrayList<>(gates);
  }

  @Exported(inline = true)
  public synchronized List<PromotionRecord> getPromotions() {
    return new ArrayList<>(promotions);
  }

  @Exported(inline = true)
  public synchronized List<CommentRecord> getComments() {
    return new ArrayList<>(comments);
  }

  /** The verdict of the last gate, or null when the build ran none. */
  @Exported
  public synchronized String getVerdict() {
    return gates.isEmpty() ? null : gates.get(gates.size() - 1).getVerdict();
  }

  /** The last gate of that name (any name when null), or null. */
  @CheckForNull
  synchronized GateRecord latestGate(@CheckForNull String name) {
    for (int i = gates.size() - 1; i >= 0; i--) {
      GateRecord gate = gates.get(i);
      if (name == null || name.equals(gate.getName())) {
        return gate;
      }
    }
    return null;
  }

  @CheckForNull
  public synchronized GateRecord getGate(int id) {
    return id >= 1 && id <= gates.size() ? gates.get(id - 1) : null;
  }

  /** Keeps a gate: its reports in the build directory, its summary in build.xml. */
  synchronized GateRecord addGate(String name, GateResult result, String spec, String appliedResult)
      throws IOException {
    int id = gates.size() + 1;
    AtomicFiles.writeString(reportFile(id, "json").toPath(), JsonReport.render(result));
    AtomicFiles.writeString(reportFile(id, "md").toPath(), MarkdownReport.render(result));
    GateRecord record =
        new GateRecord(id, name, result, spec, System.currentTimeMillis(), appliedResult);
    record.attach(this);
    gates.add(record);
    owner.save();
    JobPromotions.mark(owner.getParent());
    return record;
  }

  synchronized void addPromotion(PromotionRecord record) throws IOException {
    promotions.add(record);
    owner.save();
    JobPromotions.mark(owner.getParent());
  }

  synchronized void addComment(CommentRecord record) throws IOException {
    comments.add(record);
    owner.save();
  }

  File dir() {
    return new File(owner.getRootDir(), DIR);
  }

  File reportFile(int id, String extension) {
    return new File(dir(), "gate-" + id + "." + extension);
  }

  /** The promotions of this build that reached GitLab. */
  public synchronized List<PromotionRecord> getMergeRequests() {
    List<PromotionRecord> done = new ArrayList<>();
    for (PromotionRecord p : promotions) {
      if (p.isPromoted() && p.getMergeRequestUrl() != null) {
        done.add(p);
      }
    }
    return done;
  }

  // ---- web methods ------------------------------------------------------------------------

  /** A gate's report as written: {@code report?gate=1&format=json} (default) or {@code md}. */
  public HttpResponse doReport(@QueryParameter int gate, @QueryParameter String format)
      throws IOException {
    owner.checkPermission(Item.READ);
    boolean markdown = "md".equals(format) || "markdown".equals(format);
    File file = reportFile(gate, markdown ? "md" : "json");
    if (getGate(gate) == null || !file.isFile()) {
      return HttpResponses.notFound();
    }
    String text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
    return markdown ? TextResponse.plain(text) : TextResponse.json(text);
  }

  /** The comparison chart of a gate as ECharts options: {@code chart?gate=1}. */
  public HttpResponse doChart(@QueryParameter int gate) {
    owner.checkPermission(Item.READ);
    GateRecord record = getGate(gate);
    GateResult result = record == null ? null : record.result();
    if (result == null) {
      return HttpResponses.notFound();
    }
    return TextResponse.json(GateChartOptions.render(result));
  }

  /** The PNG chart, when regressionGate was asked to draw one and could. */
  public HttpResponse doChartPng(@QueryParameter int gate) throws IOException {
    owner.checkPermission(Item.READ);
    File png = reportFile(gate, "png");
    if (getGate(gate) == null || !png.isFile()) {
      return HttpResponses.notFound();
    }
    return HttpResponses.staticResource(png.toURI().toURL());
  }

  /** Whether a PNG chart was drawn for the gate. */
  public boolean hasChartPng(int gate) {
    return reportFile(gate, "png").isFile();
  }
}
