package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.policy.ChangePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code datasetDiff(name: 'surgical-videos', to: id, from: id, policy: [growth: 1.5])}: compares
 * two versions and asks the change policy whether to retrain. Without {@code from} it compares with
 * the version this job last trained on. Returns a map with {@code retrain} (boolean) and {@code
 * reason} (one sentence), the versions and the numbers.
 */
public class DatasetDiffStep extends RegistryStep {
  private final String name;
  private String to = "latest";
  private String from;
  private Map<String, Object> policy;
  private String rule;

  @DataBoundConstructor
  public DatasetDiffStep(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public String getTo() {
    return to;
  }

  @DataBoundSetter
  public void setTo(String to) {
    this.to = to == null || to.isBlank() ? "latest" : to.trim();
  }

  public String getFrom() {
    return from;
  }

  /** The earlier version; none: the version this job last trained on. */
  @DataBoundSetter
  public void setFrom(String from) {
    this.from = Util.fixEmptyAndTrim(from);
  }

  public Map<String, Object> getPolicy() {
    return policy;
  }

  /**
   * {@code [growth: 1.5, newSource: true, files: 1000, bytes: '10GB', labelShift: 0.1, quiet:
   * '10m']}.
   */
  @DataBoundSetter
  public void setPolicy(Map<String, Object> policy) {
    this.policy = policy == null || policy.isEmpty() ? null : new LinkedHashMap<>(policy);
  }

  public String getRule() {
    return rule;
  }

  /** The policy as text, e.g. {@code growth>=1.5, new-source}; joined with {@code policy}. */
  @DataBoundSetter
  public void setRule(String rule) {
    this.rule = Util.fixEmptyAndTrim(rule);
  }

  ChangePolicy changePolicy() {
    String text = PolicyText.of(policy);
    if (rule != null) {
      text = text.isEmpty() ? rule : text + ", " + rule;
    }
    return PolicyText.parse(text);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(this, context);
  }

  static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private final transient DatasetDiffStep step;

    Execution(DatasetDiffStep step, StepContext context) {
      super(context);
      this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      String dataset = checkName(step.name);
      Run<?, ?> run = getContext().get(Run.class);
      TaskListener listener = getContext().get(TaskListener.class);
      ChangePolicy policy;
      try {
        policy = step.changePolicy();
      } catch (InputException e) {
        throw new AbortException("datasetDiff: " + e.getMessage());
      }
      String from = step.from;
      String fromWhere = null;
      if (from == null) {
        JobDatasets.Seen trained = JobDatasets.lastTrained(run.getParent(), dataset, run);
        if (trained != null) {
          from = trained.versionId();
          fromWhere = "the version build #" + trained.build() + " trained on";
        } else {
          EnvVars env = getContext().get(EnvVars.class);
          String previous =
              env == null ? null : Util.fixEmptyAndTrim(env.get("CT_DATASET_PREVIOUS"));
          if (previous != null) {
            from = previous;
            fromWhere = "CT_DATASET_PREVIOUS";
          }
        }
      }
      FilePath workDir = workDir(getContext());
      RegistryRef registry = step.registryFor(run, getContext().get(FilePath.class));
      DiffOutcome outcome = workDir.act(new DiffCallable(dataset, step.to, from, policy, registry));
      listener
          .getLogger()
          .println(
              (outcome.retrain() ? "Retrain: " : "No retraining: ")
                  + outcome.reason()
                  + (fromWhere == null ? "" : " (compared with " + fromWhere + ")")
                  + " [policy: "
                  + policy
                  + "]");
      DatasetRecord record =
          new DatasetRecord(
              dataset,
              outcome.toId(),
              outcome.toLabel(),
              outcome.change(),
              registry.location(),
              outcome.retrain(),
              outcome.reason());
      DatasetBuildAction.record(run, record, null);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("retrain", outcome.retrain());
      result.put("reason", outcome.reason());
      result.put("name", dataset);
      result.put("to", outcome.toLabel());
      result.put("toId", outcome.toId());
      result.put("from", outcome.fromLabel());
      result.put("fromId", outcome.fromId());
      result.put("met", new ArrayList<>(outcome.met()));
      result.put("policy", policy.toString());
      ChangeSummary c = outcome.change();
      if (c != null) {
        result.put("filesBefore", c.getFilesBefore());
        result.put("filesAfter", c.getFilesAfter());
        result.put("bytesBefore", c.getBytesBefore());
        result.put("bytesAfter", c.getBytesAfter());
        result.put("added", c.getAdded());
        result.put("removed", c.getRemoved());
        result.put("modified", c.getModified());
        result.put("renamed", c.getRenamed());
        result.put("growth", c.getGrowth());
        result.put("labelShift", c.getLabelShift());
        result.put("newSources", new ArrayList<>(c.getNewSources()));
      }
      return result;
    }
  }

  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "datasetDiff";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Compare dataset versions and decide whether to retrain";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class);
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      return StepChecks.name(value);
    }

    @POST
    public FormValidation doCheckRule(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.READ);
      try {
        ChangePolicy.parse(value);
        return FormValidation.ok();
      } catch (InputException e) {
        return FormValidation.error(e.getMessage());
      }
    }
  }
}
