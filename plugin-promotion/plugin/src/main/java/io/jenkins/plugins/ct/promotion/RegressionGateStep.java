package io.jenkins.plugins.ct.promotion;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.ctsuite.core.InputException;
import io.ctsuite.promotion.gate.CheckResult;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gate.GateSpec;
import io.ctsuite.promotion.gate.GateSpecParser;
import io.ctsuite.promotion.gate.Numbers;
import io.ctsuite.promotion.gate.Verdict;
import io.ctsuite.promotion.report.GateChart;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code regressionGate(candidate: 'eval/candidate.jsonl', baseline: 'eval/production.jsonl', spec:
 * 'gate.yaml')}: compares the candidate with production on the agent, keeps the report with the
 * build, sets the build result for a FAIL or INCONCLUSIVE verdict, and returns the verdict and the
 * table as a map. A verdict never stops the Pipeline; bad input does.
 */
public class RegressionGateStep extends Step implements Serializable {
  private static final long serialVersionUID = 1L;
  static final Set<String> RESULTS = Set.of("SUCCESS", "UNSTABLE", "FAILURE");
  static final String MAP_SPEC = "(map in the Pipeline)";

  private final String candidate;
  private final String baseline;
  private Object spec;
  private String name;
  private String failResult = "FAILURE";
  private String inconclusiveResult = "UNSTABLE";
  private boolean chartImage;

  /**
   * @param candidate the candidate's result files in the workspace, comma-separated
   * @param baseline the production model's result files on the same test set, comma-separated
   */
  @DataBoundConstructor
  public RegressionGateStep(String candidate, String baseline) {
    this.candidate = candidate;
    this.baseline = baseline;
  }

  public String getCandidate() {
    return candidate;
  }

  public String getBaseline() {
    return baseline;
  }

  /** A spec file in the workspace (YAML or JSON), or the spec itself as a map. */
  public Object getSpec() {
    return spec;
  }

  @DataBoundSetter
  public void setSpec(Object spec) {
    this.spec = spec instanceof CharSequence ? spec.toString() : spec;
  }

  public String getName() {
    return name;
  }

  /** Tells several gates of one build apart (e.g. one per model). */
  @DataBoundSetter
  public void setName(String name) {
    this.name = name == null || name.isBlank() ? null : name.strip();
  }

  public String getFailResult() {
    return failResult;
  }

  /** The build result for a FAIL verdict: FAILURE (default), UNSTABLE or SUCCESS. */
  @DataBoundSetter
  public void setFailResult(String failResult) {
    this.failResult = result(failResult, "FAILURE");
  }

  public String getInconclusiveResult() {
    return inconclusiveResult;
  }

  /** The build result for an INCONCLUSIVE verdict: UNSTABLE (default), FAILURE or SUCCESS. */
  @DataBoundSetter
  public void setInconclusiveResult(String inconclusiveResult) {
    this.inconclusiveResult = result(inconclusiveResult, "UNSTABLE");
  }

  public boolean isChartImage() {
    return chartImage;
  }

  /** Also draw the comparison chart as a PNG kept with the build (best effort). */
  @DataBoundSetter
  public void setChartImage(boolean chartImage) {
    this.chartImage = chartImage;
  }

  private static String result(String value, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String upper = value.strip().toUpperCase(java.util.Locale.ROOT);
    if (!RESULTS.contains(upper)) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a build result; use SUCCESS, UNSTABLE or FAILURE");
    }
    return upper;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** Reads and judges on the agent; records and sets the result on the controller. */
  static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private final transient RegressionGateStep step;

    Execution(StepContext context, RegressionGateStep step) {
      super(context);
      this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      FilePath workspace = getContext().get(FilePath.class);
      Run<?, ?> run = getContext().get(Run.class);
      TaskListener listener = getContext().get(TaskListener.class);
      PrintStream log = listener.getLogger();

      List<String> candidates = PipelineValues.files(step.candidate);
      List<String> baselines = PipelineValues.files(step.baseline);
      if (candidates.isEmpty()) {
        throw new AbortException("regressionGate: give the candidate's result files (candidate:)");
      }
      if (baselines.isEmpty()) {
        throw new AbortException(
            "regressionGate: give the production model's result files (baseline:)");
      }
      String specFile = null;
      GateSpec spec = null;
      String specOrigin;
      if (step.spec instanceof Map<?, ?> map) {
        spec = parse(map);
        specOrigin = MAP_SPEC;
      } else if (step.spec instanceof String text && !text.isBlank()) {
        specFile = text.strip();
        specOrigin = specFile;
      } else {
        throw new AbortException(
            "regressionGate: give the gate spec (spec: 'gate.yaml' or a map of checks)");
      }

      log.println(
          "Regression gate: candidate "
              + String.join(", ", candidates)
              + " against "
              + String.join(", ", baselines)
              + ", spec "
              + specOrigin);
      GateResult result = workspace.act(new GateCallable(candidates, baselines, specFile, spec));

      Result buildResult = buildResult(result.verdict());
      PromotionAction action = PromotionAction.of(run);
      GateRecord record =
          action.addGate(
              step.name, result, specOrigin, buildResult == null ? null : buildResult.toString());
      print(log, result);
      if (step.chartImage) {
        drawPng(action, record, log);
      }
      if (buildResult != null) {
        String message = "Regression gate " + result.verdict() + ": " + result.summary();
        run.setResult(buildResult);
        FlowNode node = getContext().get(FlowNode.class);
        if (node != null) {
          node.addOrReplaceAction(new WarningAction(buildResult).withMessage(message));
        }
        log.println("Build result set to " + buildResult + " (" + message + ")");
      }
      return answer(result, record, run);
    }

    private static GateSpec parse(Map<?, ?> map) throws AbortException {
      try {
        return GateSpecParser.parse(PipelineValues.plainMap(map), "spec");
      } catch (InputException e) {
        throw new AbortException("regressionGate: " + e.getMessage());
      }
    }

    private Result buildResult(Verdict verdict) {
      String wanted =
          switch (verdict) {
            case PASS -> "SUCCESS";
            case FAIL -> step.failResult;
            case INCONCLUSIVE -> step.inconclusiveResult;
          };
      return "SUCCESS".equals(wanted) ? null : Result.fromString(wanted);
    }

    private static void print(PrintStream log, GateResult result) {
      log.println("Regression gate " + result.verdict() + ": " + result.summary());
      for (CheckResult row : result.checks()) {
        log.println(
            "  "
                + row.outcome()
                + (row.required() ? "" : " (advisory)")
                + "  "
                + row.label()
                + ": "
                + Numbers.format(row.candidate())
                + " vs "
                + Numbers.format(row.baseline())
                + " ("
                + Numbers.signed(row.difference())
                + (row.intervalText().isEmpty() ? "" : ", " + row.intervalText())
                + ")"
                + (row.reason() == null ? "" : " - " + row.reason()));
      }
      for (String note : result.notes()) {
        log.println("  Note: " + note);
      }
    }

    /** The PNG needs JFreeChart 1.5; where Jenkins offers only its own older copy, skip it. */
    private static void drawPng(PromotionAction action, GateRecord record, PrintStream log) {
      try {
        GateResult result = record.result();
        if (result != null) {
          io.ctsuite.core.AtomicFiles.write(
              action.reportFile(record.getId(), "png").toPath(), GateChart.png(result));
        }
      } catch (RuntimeException | LinkageError e) {
        log.println(
            "Warning: could not draw the PNG chart ("
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "); the build page draws the chart in the browser instead.");
      }
    }

    private static Map<String, Object> answer(GateResult result, GateRecord record, Run<?, ?> run) {
      Map<String, Object> map = PipelineValues.plainMap(result.toMap());
      List<Object> table = new ArrayList<>();
      for (CheckResult row : result.checks()) {
        table.add(PipelineValues.plain(row.toMap()));
      }
      map.put("table", table);
      map.put("passed", result.passed());
      map.put("gate", record.getId());
      map.put("name", record.getName());
      map.put("reportUrl", run.getUrl() + PromotionAction.URL + "/");
      Map<String, Object> ordered = new LinkedHashMap<>();
      ordered.put("verdict", map.remove("verdict"));
      ordered.putAll(map);
      return ordered;
    }
  }

  @Extension
  @Symbol("regressionGate")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "regressionGate";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Regression gate: compare a candidate model with production";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(FilePath.class, Run.class, TaskListener.class);
    }

    public ListBoxModel doFillFailResultItems() {
      return results("FAILURE");
    }

    public ListBoxModel doFillInconclusiveResultItems() {
      return results("UNSTABLE");
    }

    private static ListBoxModel results(String first) {
      ListBoxModel items = new ListBoxModel();
      items.add(first);
      for (String r : List.of("UNSTABLE", "FAILURE", "SUCCESS")) {
        if (!r.equals(first)) {
          items.add(r);
        }
      }
      return items;
    }
  }
}
