package io.jenkins.plugins.ct.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.query.RunComparison;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.store.RunJson;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def r = experimentResult(name: 'phase-recognition')}: the run's summary as a Map, in the
 * run.json layout ({@code id}, {@code status}, {@code params}, {@code metrics[key].last/min/max},
 * …) plus per metric {@code best} and {@code goal}, and {@code build}/{@code url}. Inside the block
 * it reports the run as it stands.
 */
public final class ExperimentResultStep extends Step {
  private String name;

  @DataBoundConstructor
  public ExperimentResultStep() {}

  public String getName() {
    return name;
  }

  /** The experiment's name, or the id of a run; without it the build's last run. */
  @DataBoundSetter
  public void setName(String name) {
    this.name = Util.fixEmptyAndTrim(name);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, name);
  }

  private static final class Execution
      extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private final String name;

    Execution(StepContext context, String name) {
      super(context);
      this.name = name;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      Run<?, ?> build = getContext().get(Run.class);
      ExperimentAction action = build.getAction(ExperimentAction.class);
      ExperimentRun run = action == null ? null : action.getRun(name);
      if (run == null) {
        String tracked =
            action == null
                ? "none"
                : action.getRuns().stream()
                    .map(ExperimentRun::getName)
                    .distinct()
                    .collect(Collectors.joining(", "));
        throw new AbortException(
            (name == null ? "This build tracked no experiment" : "No experiment '" + name + "'")
                + " in "
                + build.getFullDisplayName()
                + " (tracked: "
                + tracked
                + ")");
      }
      return asMap(currentJson(run), build);
    }

    /** A running run's state comes from its session; a finished one from build.xml. */
    private static String currentJson(ExperimentRun run) throws InterruptedException {
      RunHandle h = run.getHandle();
      if (run.isRunning() && h != null) {
        FilePath dir = h.runDirPath();
        if (dir != null) {
          try {
            return dir.act(new AgentSessions.ReadSummary());
          } catch (IOException e) {
            // the node is not reachable: what the build knows is the best answer
          }
        }
      }
      return run.getSummaryJson();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(String runJson, Run<?, ?> build) throws IOException {
    ObjectNode node = (ObjectNode) Json.mapper().readTree(runJson);
    JsonNode metrics = node.path("metrics");
    Iterator<Map.Entry<String, JsonNode>> it = metrics.fields();
    // the same reading as everywhere else: the model's summary decides best and goal
    var summary = RunJson.fromJson(node, "run " + node.path("id").asText());
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      MetricSummary s = summary.metric(e.getKey());
      MetricSummary.Goal goal = RunComparison.guessGoal(e.getKey());
      ObjectNode m = (ObjectNode) e.getValue();
      double best = s.value(MetricSummary.ValueKind.BEST, goal);
      if (Double.isFinite(best)) {
        m.put("best", best);
      } else {
        m.put("best", io.ctsuite.tracking.run.Metrics.format(best));
      }
      m.put("goal", goal == MetricSummary.Goal.MAX ? "max" : "min");
    }
    node.put("build", build.getNumber());
    node.put("url", build.getUrl() + ExperimentAction.URL + "/");
    return new LinkedHashMap<>(Json.mapper().convertValue(node, Map.class));
  }

  @Extension
  @Symbol("experimentResult")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "experimentResult";
    }

    @Override
    public String getDisplayName() {
      return "The summary of an experiment run of this build, as a map";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class);
    }
  }
}
