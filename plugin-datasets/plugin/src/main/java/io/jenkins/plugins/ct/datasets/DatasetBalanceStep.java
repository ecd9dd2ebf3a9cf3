package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
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
 * {@code datasetBalance(name: 'surgical-videos', cap: 500)} or {@code target: 'bleeding=0.3,
 * normal=0.7'} (or {@code 'uniform'}): a seeded, deterministic balance of a version by label (or
 * {@code by: 'source'} or a metadata key), recorded as the next version of {@code saveAs} (default
 * {@code NAME-balanced}); returns its id.
 */
public class DatasetBalanceStep extends RegistryStep {
  private final String name;
  private String version = "latest";
  private String saveAs;
  private String by = "label";
  private long cap = -1;
  private String target;
  private long total = -1;
  private long seed;
  private String note;

  @DataBoundConstructor
  public DatasetBalanceStep(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public String getVersion() {
    return version;
  }

  @DataBoundSetter
  public void setVersion(String version) {
    this.version = version == null || version.isBlank() ? "latest" : version.trim();
  }

  public String getSaveAs() {
    return saveAs;
  }

  @DataBoundSetter
  public void setSaveAs(String saveAs) {
    this.saveAs = Util.fixEmptyAndTrim(saveAs);
  }

  public String getBy() {
    return by;
  }

  @DataBoundSetter
  public void setBy(String by) {
    this.by = by == null || by.isBlank() ? "label" : by.trim();
  }

  public long getCap() {
    return cap;
  }

  /** At most this many entries per group; -1 for none (then {@code target} is needed). */
  @DataBoundSetter
  public void setCap(long cap) {
    this.cap = cap <= 0 ? -1 : cap;
  }

  public String getTarget() {
    return target;
  }

  @DataBoundSetter
  public void setTarget(String target) {
    this.target = Util.fixEmptyAndTrim(target);
  }

  public long getTotal() {
    return total;
  }

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

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(this, context);
  }

  static final class Execution extends SynchronousNonBlockingStepExecution<String> {
    private static final long serialVersionUID = 1L;
    private final transient DatasetBalanceStep step;

    Execution(DatasetBalanceStep step, StepContext context) {
      super(context);
      this.step = step;
    }

    @Override
    protected String run() throws Exception {
      String dataset = checkName(step.name);
      if ((step.cap > 0) == (step.target != null)) {
        throw new AbortException(
            "datasetBalance needs either cap (entries per group) or target (e.g. 'uniform' or"
                + " 'bleeding=0.3,normal=0.7'), not both");
      }
      String saveAs = checkName(step.saveAs == null ? dataset + "-balanced" : step.saveAs);
      Run<?, ?> run = getContext().get(Run.class);
      TaskListener listener = getContext().get(TaskListener.class);
      RegistryRef registry = step.registryFor(run, getContext().get(FilePath.class));
      DeriveOutcome outcome =
          workDir(getContext())
              .act(
                  new BalanceCallable(
                      dataset,
                      step.version,
                      saveAs,
                      step.by,
                      step.cap > 0 ? step.cap : null,
                      step.target,
                      step.total,
                      step.seed,
                      step.note,
                      creator(run),
                      registry,
                      listener));
      DatasetRecord record =
          new DatasetRecord(
              DatasetRecord.Kind.BALANCE,
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
      return "datasetBalance";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Balance a dataset version by label or source";
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
