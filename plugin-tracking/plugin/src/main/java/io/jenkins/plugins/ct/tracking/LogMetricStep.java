package io.jenkins.plugins.ct.tracking;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ctsuite.tracking.capture.ServiceMessage;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.run.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code logMetric(key: 'val/mAP', value: 0.41, step: 3)}: one metric point. */
public final class LogMetricStep extends Step {
  private final String key;
  private final double value;
  private Long step;

  @DataBoundConstructor
  public LogMetricStep(String key, double value) {
    this.key = Util.fixEmptyAndTrim(key);
    this.value = value;
  }

  public String getKey() {
    return key;
  }

  public double getValue() {
    return value;
  }

  public Long getStep() {
    return step;
  }

  /** The step (iteration, epoch); without it the metric's previous step plus one. */
  @DataBoundSetter
  public void setStep(Long step) {
    this.step = step;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, key, value, step);
  }

  private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final double value;
    private final Long step;

    Execution(StepContext context, String key, double value, Long step) {
      super(context);
      this.key = key;
      this.value = value;
      this.step = step;
    }

    @Override
    protected Void run() throws Exception {
      if (key == null) {
        throw new IllegalArgumentException(
            "logMetric needs a key, e.g. logMetric(key: 'loss', value: 0.3)");
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("key", key);
      attributes.put("value", Metrics.format(value));
      if (step != null) {
        attributes.put("step", Long.toString(step));
      }
      ServiceMessage message = new ServiceMessage("metric", null, attributes);
      if (!Tracking.printInBlock(getContext(), message)) {
        ExperimentRun run =
            Tracking.recordOutsideBlock(
                getContext(),
                recorder -> {
                  long next =
                      step != null
                          ? step
                          : recorder.summary().metric(key) == null
                              ? 0
                              : recorder.summary().metric(key).lastStep() + 1;
                  recorder.metric(new MetricPoint(key, next, System.currentTimeMillis(), value));
                });
        getContext()
            .get(TaskListener.class)
            .getLogger()
            .printf("Logged %s = %s in run %s%n", key, Metrics.format(value), run.getId());
      }
      return null;
    }
  }

  @Extension
  @Symbol("logMetric")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "logMetric";
    }

    @Override
    public String getDisplayName() {
      return "Log a metric value of the experiment";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class);
    }
  }
}
