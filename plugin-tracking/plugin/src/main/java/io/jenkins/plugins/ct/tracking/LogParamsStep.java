package io.jenkins.plugins.ct.tracking;

import hudson.Extension;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ctsuite.tracking.capture.ServiceMessage;
import io.ctsuite.tracking.run.ParamValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code logParams(lr: 0.01, batch: 32)} or {@code logParams(model.params)}: the run's
 * hyperparameters. Nested maps become dotted keys ({@code optimizer.name}); numbers keep their
 * type.
 */
public final class LogParamsStep extends Step {
  private final Map<String, Object> params;

  @DataBoundConstructor
  public LogParamsStep(Map<String, Object> params) {
    this.params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
  }

  public Map<String, Object> getParams() {
    return params;
  }

  /** The params as the Snippet Generator's form shows them: one {@code key=value} per line. */
  public String getParamsText() {
    StringBuilder text = new StringBuilder();
    flattened()
        .forEach((k, v) -> text.append(k).append('=').append(ParamValues.format(v)).append('\n'));
    return text.toString();
  }

  /** Params from {@code key=value} lines; values typed as in service messages (0.01 a number). */
  static Map<String, Object> parseParamsText(String text) throws Descriptor.FormException {
    Map<String, Object> params = new LinkedHashMap<>();
    int line = 0;
    for (String raw : (text == null ? "" : text).split("\\R")) {
      line++;
      String l = raw.trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new Descriptor.FormException(
            "line " + line + ": expected key=value, found '" + l + "'", "paramsText");
      }
      params.put(l.substring(0, eq).trim(), ParamValues.infer(l.substring(eq + 1).trim()));
    }
    return params;
  }

  /** The params flattened, with the types the run records. */
  Map<String, Object> flattened() {
    Map<String, Object> flat = new LinkedHashMap<>();
    ParamValues.flatten("", params, flat::put);
    return flat;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, flattened());
  }

  private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
    private static final long serialVersionUID = 1L;
    private final LinkedHashMap<String, Object> params;

    Execution(StepContext context, Map<String, Object> params) {
      super(context);
      this.params = new LinkedHashMap<>(params);
    }

    @Override
    protected Void run() throws Exception {
      List<ServiceMessage> messages = new ArrayList<>();
      params.forEach(
          (k, v) ->
              messages.add(ServiceMessage.of("param", "key", k, "value", ParamValues.format(v))));
      if (!Tracking.printInBlock(getContext(), messages.toArray(new ServiceMessage[0]))) {
        ExperimentRun run =
            Tracking.recordOutsideBlock(getContext(), recorder -> params.forEach(recorder::param));
        getContext()
            .get(TaskListener.class)
            .getLogger()
            .printf("Logged %d param(s) in run %s%n", params.size(), run.getId());
      }
      return null;
    }
  }

  @Extension
  @Symbol("logParams")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "logParams";
    }

    @Override
    public String getDisplayName() {
      return "Log the experiment's params (hyperparameters)";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class);
    }

    /**
     * Takes any named arguments as params: {@code logParams(lr: 0.01)} and {@code logParams(params:
     * [lr: 0.01])} mean the same.
     */
    @Override
    @SuppressWarnings("unchecked")
    public Step newInstance(Map<String, Object> arguments) {
      if (arguments.size() == 1 && arguments.get("params") instanceof Map<?, ?> nested) {
        return new LogParamsStep((Map<String, Object>) nested);
      }
      return new LogParamsStep(arguments);
    }

    /** The Snippet Generator's form: one {@code key=value} per line. */
    @Override
    public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
      return new LogParamsStep(parseParamsText(formData.optString("paramsText")));
    }

    @Override
    public Map<String, Object> defineArguments(Step step) {
      return new LinkedHashMap<>(((LogParamsStep) step).getParams());
    }
  }
}
