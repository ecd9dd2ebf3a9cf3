package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code datasetMix(name: 'train-mix', parts: ['videos@v41': 0.7, 'extra': 0.3], seed: 7)}: records
 * a seeded mix of versions as the next version of {@code name} and returns its id. Shares are
 * fractions of the result (adding up to 1), or with {@code weights: true} the part of each input to
 * take.
 */
public class DatasetMixStep extends RegistryStep {
  private final String name;
  private Map<String, Object> parts;
  private boolean weights;
  private long total = -1;
  private long seed;
  private String note;

  @DataBoundConstructor
  public DatasetMixStep(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public Map<String, Object> getParts() {
    return parts;
  }

  /** {@code dataset[@version]} → share. */
  @DataBoundSetter
  public void setParts(Map<String, Object> parts) {
    this.parts = parts == null ? null : new LinkedHashMap<>(parts);
  }

  public boolean isWeights() {
    return weights;
  }

  @DataBoundSetter
  public void setWeights(boolean weights) {
    this.weights = weights;
  }

  public long getTotal() {
    return total;
  }

  /** Entries in the result with fractions; -1 for as many as the parts allow. */
  @DataBoundSetter
  public void setTotal(long total) {
    this.total = total <= 0 ? -1 : total;
  }

  public long getSeed() {
    return seed;
  }

  @DataBoundSetter
  public void setSeed(long seed) {
    this.seed = seed;
  }

  public String getNote() {
    return note;
  }

  @DataBoundSetter
  public void setNote(String note) {
    this.note = Util.fixEmptyAndTrim(note);
  }

  LinkedHashMap<String, Double> shares() throws AbortException {
    if (parts == null || parts.isEmpty()) {
      throw new AbortException(
          "datasetMix needs parts, e.g. parts: ['videos@v41': 0.7, 'extra': 0.3]");
    }
    LinkedHashMap<String, Double> shares = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : parts.entrySet()) {
      Object value = e.getValue();
      double share;
      if (value instanceof Number n) {
        share = n.doubleValue();
      } else {
        String text = String.valueOf(value).trim();
        try {
          share =
              text.endsWith("%")
                  ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                  : Double.parseDouble(text);
        } catch (NumberFormatException x) {
          throw new AbortException(
              "datasetMix: the share of '" + e.getKey() + "' is not a number: '" + text + "'");
        }
      }
      shares.put(String.valueOf(e.getKey()).trim(), share);
    }
    return shares;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(this, context);
  }

  static final class Execution extends SynchronousNonBlockingStepExecution<String> {
    private static final long serialVersionUID = 1L;
    private final transient DatasetMixStep step;

    Execution(DatasetMixStep step, StepContext context) {
      super(context);
      this.step = step;
    }

    @Override
    protected String run() throws Exception {
      String target = checkName(step.name);
      Run<?, ?> run = getContext().get(Run.class);
      TaskListener listener = getContext().get(TaskListener.class);
      RegistryRef registry = step.registryFor(run, getContext().get(FilePath.class));
      DeriveOutcome outcome =
          workDir(getContext())
              .act(
                  new MixCallable(
                      target,
                      step.shares(),
                      step.weights,
                      step.total,
                      step.seed,
                      step.note,
                      creator(run),
                      registry,
                      listener));
      DatasetRecord record =
          new DatasetRecord(
              DatasetRecord.Kind.MIX,
              outcome.version(),
              outcome.version().files(),
              outcome.version().bytes(),
              registry.location());
      record.setSource(outcome.version().source());
      record.setCreated(outcome.created());
      DatasetBuildAction.record(run, record, outcome.stats());
      return outcome.version().id();
    }
  }

  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "datasetMix";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Mix dataset versions into a new version";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class);
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      return StepChecks.name(value);
    }
  }
}
