package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.snapshot.PathPattern;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import java.util.ArrayList;
import java.util.List;
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
 * {@code datasetSnapshot(name: 'surgical-videos', path: '/data/videos')}: records the current state
 * of a directory (on the node of the enclosing {@code node} block) or an S3 prefix as the next
 * version of a dataset, unless the content is unchanged, and returns the version's id.
 */
public class DatasetSnapshotStep extends RegistryStep {
  private final String name;
  private final String path;
  private String filter;
  private String excludes;
  private String patterns;
  private String sidecar;
  private String note;
  private boolean skipProblems;
  private boolean followSymlinks;
  private boolean hashS3;
  private int threads;

  @DataBoundConstructor
  public DatasetSnapshotStep(String name, String path) {
    this.name = name;
    this.path = path;
  }

  public String getName() {
    return name;
  }

  public String getPath() {
    return path;
  }

  public String getFilter() {
    return filter;
  }

  /** Which files to keep, in the ct filter language; else the global default filter. */
  @DataBoundSetter
  public void setFilter(String filter) {
    this.filter = Util.fixEmptyAndTrim(filter);
  }

  public String getExcludes() {
    return excludes;
  }

  /**
   * Globs of paths to leave out, separated by commas or new lines (e.g. {@code **}{@code /*.tmp,
   * .git}).
   */
  @DataBoundSetter
  public void setExcludes(String excludes) {
    this.excludes = Util.fixEmptyAndTrim(excludes);
  }

  public String getPatterns() {
    return patterns;
  }

  /** Metadata from paths, one pattern per line or comma, e.g. {@code {source}/{label}/*}. */
  @DataBoundSetter
  public void setPatterns(String patterns) {
    this.patterns = Util.fixEmptyAndTrim(patterns);
  }

  public String getSidecar() {
    return sidecar;
  }

  @DataBoundSetter
  public void setSidecar(String sidecar) {
    this.sidecar = Util.fixEmptyAndTrim(sidecar);
  }

  public String getNote() {
    return note;
  }

  @DataBoundSetter
  public void setNote(String note) {
    this.note = Util.fixEmptyAndTrim(note);
  }

  public boolean isSkipProblems() {
    return skipProblems;
  }

  @DataBoundSetter
  public void setSkipProblems(boolean skipProblems) {
    this.skipProblems = skipProblems;
  }

  public boolean isFollowSymlinks() {
    return followSymlinks;
  }

  @DataBoundSetter
  public void setFollowSymlinks(boolean followSymlinks) {
    this.followSymlinks = followSymlinks;
  }

  public boolean isHashS3() {
    return hashS3;
  }

  @DataBoundSetter
  public void setHashS3(boolean hashS3) {
    this.hashS3 = hashS3;
  }

  public int getThreads() {
    return threads;
  }

  @DataBoundSetter
  public void setThreads(int threads) {
    this.threads = Math.max(0, threads);
  }

  static List<String> split(String text) {
    List<String> items = new ArrayList<>();
    if (text != null) {
      for (String item : text.split("[,\\n]")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  SnapshotOptions options() {
    SnapshotOptions options =
        new SnapshotOptions()
            .followSymlinks(followSymlinks)
            .hashS3(hashS3)
            .skipProblems(skipProblems)
            .threads(threads)
            .excludes(split(excludes));
    List<String> chosen = patterns != null ? split(patterns) : Registries.config().pathPatterns();
    chosen.forEach(options::pathPattern);
    if (sidecar != null) {
      options.sidecar(sidecar);
    }
    return options;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(this, context);
  }

  static final class Execution extends SynchronousNonBlockingStepExecution<String> {
    private static final long serialVersionUID = 1L;
    private final transient DatasetSnapshotStep step;

    Execution(DatasetSnapshotStep step, StepContext context) {
      super(context);
      this.step = step;
    }

    @Override
    protected String run() throws Exception {
      String dataset = checkName(step.name);
      if (step.path == null || step.path.isBlank()) {
        throw new hudson.AbortException(
            "datasetSnapshot needs a path: a directory or s3:// prefix");
      }
      Run<?, ?> run = getContext().get(Run.class);
      TaskListener listener = getContext().get(TaskListener.class);
      FilePath workspace = getContext().get(FilePath.class);
      RegistryRef registry = step.registryFor(run, workspace);
      JobDatasets.Seen before = JobDatasets.previousBuild(run, dataset);
      String filter =
          step.filter != null
              ? step.filter
              : Util.fixEmptyAndTrim(Registries.config().getDefaultFilter());
      SnapshotOutcome outcome;
      try {
        outcome =
            workspace.act(
                new SnapshotCallable(
                    dataset,
                    step.path.trim(),
                    registry,
                    step.options(),
                    filter,
                    step.note,
                    creator(run),
                    before == null ? null : before.versionId(),
                    listener));
      } catch (InputException e) {
        throw new hudson.AbortException(e.getMessage());
      }
      DatasetRecord record =
          new DatasetRecord(
              DatasetRecord.Kind.SNAPSHOT,
              outcome.version(),
              outcome.version().files(),
              outcome.version().bytes(),
              registry.location());
      record.setSource(outcome.source());
      record.setCreated(outcome.created());
      if (before != null) {
        record.setSincePreviousBuild(
            before.build(), before.versionLabel(), outcome.sincePreviousBuild());
      }
      DatasetBuildAction.record(run, record, outcome.stats());
      return outcome.version().id();
    }
  }

  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "datasetSnapshot";
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "Record a dataset version (snapshot of a directory or S3 prefix)";
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
    public FormValidation doCheckFilter(@QueryParameter String value) {
      return StepChecks.expression(value);
    }

    @POST
    public FormValidation doCheckPatterns(@QueryParameter String value) {
      jenkins.model.Jenkins.get().checkPermission(jenkins.model.Jenkins.READ);
      for (String pattern : split(value)) {
        try {
          PathPattern.compile(pattern);
        } catch (InputException e) {
          return FormValidation.error(e.getMessage());
        }
      }
      return FormValidation.ok();
    }
  }
}
