package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.NonNull;
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
 * {@code useDataset(name: 'surgical-videos', version: 'latest', query: "label == 'bleeding'",
 * materialize: 'data/')}: pins the version the build trains on (recorded on the build, so that a
 * rebuild can name it) and puts its files in a workspace directory from the node's content cache.
 * Returns a map with {@code name}, {@code version}, {@code id}, {@code files}, {@code bytes} and
 * {@code directory}.
 */
public class UseDatasetStep extends RegistryStep {
  private final String name;
  private String version = "latest";
  private String query;
  private String materialize;
  private boolean verify;

  @DataBoundConstructor
  public UseDatasetStep(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public String getVersion() {
    return version;
  }

  /** {@code latest}, {@code latest~N}, {@code vN} or an id (prefix of at least 4 digits). */
  @DataBoundSetter
  public void setVersion(String version) {
    this.version = version == null || version.isBlank() ? "latest" : version.trim();
  }

  public String getQuery() {
    return query;
  }

  @DataBoundSetter
  public void setQuery(String query) {
    this.query = Util.fixEmptyAndTrim(query);
  }

  public String getMaterialize() {
    return materialize;
  }

  /** A directory of the workspace to put the files in; none: only pin the version. */
  @DataBoundSetter
  public void setMaterialize(String materialize) {
    this.materialize = Util.fixEmptyAndTrim(materialize);
  }

  public boolean isVerify() {
    return verify;
  }

  @DataBoundSetter
  public void setVerify(boolean verify) {
    this.verify = verify;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(this, context);
  }

  static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private final transient UseDatasetStep step;

    Execution(UseDatasetStep step, StepContext context) {
      super(context);
      this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      String dataset = checkName(step.name);
      Run<?, ?> run = getContext().get(Run.class);
      TaskListener listener = getContext().get(TaskListener.class);
      FilePath workspace = getContext().get(FilePath.class);
      RegistryRef registry = step.registryFor(run, workspace);
      JobDatasets.Seen before = JobDatasets.previousBuild(run, dataset);
      UseOutcome outcome =
          workspace.act(
              new UseCallable(
                  dataset,
                  step.version,
                  step.query,
                  step.materialize,
                  step.verify,
                  registry,
                  before == null ? null : before.versionId(),
                  listener));
      DatasetRecord record =
          new DatasetRecord(
              DatasetRecord.Kind.USE,
              outcome.version(),
              outcome.files(),
              outcome.bytes(),
              registry.location());
      record.setSource(outcome.version().source());
      record.setQuery(step.query, outcome.selectionId());
      record.setMaterializedTo(step.materialize);
      if (before != null) {
        record.setSincePreviousBuild(
            before.build(), before.versionLabel(), outcome.sincePreviousBuild());
      }
      DatasetBuildAction.record(run, record, outcome.stats());
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("name", dataset);
      result.put("version", outcome.version().label());
      result.put("id", outcome.version().id());
      result.put("files", outcome.files());
      result.put("bytes", outcome.bytes());
      result.put("directory", outcome.directory());
      if (outcome.selectionId() != null) {
        result.put("selectionId", outcome.selectionId());
      }
      return result;
    }
  }

  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "useDataset";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Use (pin and materialize) a dataset version";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, FilePath.class);
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      return StepChecks.name(value);
    }

    @POST
    public FormValidation doCheckQuery(@QueryParameter String value) {
      return StepChecks.expression(value);
    }
  }
}
