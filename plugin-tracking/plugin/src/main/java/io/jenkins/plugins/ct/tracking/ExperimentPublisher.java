package io.jenkins.plugins.ct.tracking;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.FormValidation;
import io.ctsuite.tracking.run.RunSummary;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code publishExperiment(name: 'phase-recognition', tensorboard: 'runs/**', metrics:
 * 'metrics/*.jsonl')} and the Freestyle post-build action "Publish experiment results": reads
 * metric and event files written earlier in the build as one finished run. The files are read on
 * the agent; only the summary and the series files come to the controller.
 */
public final class ExperimentPublisher extends Recorder implements SimpleBuildStep {
  private final String name;
  private String tensorboard;
  private String metrics;

  @DataBoundConstructor
  public ExperimentPublisher(String name) {
    this.name = Util.fixEmptyAndTrim(name);
  }

  public String getName() {
    return name;
  }

  public String getTensorboard() {
    return tensorboard;
  }

  @DataBoundSetter
  public void setTensorboard(String tensorboard) {
    this.tensorboard = Util.fixEmptyAndTrim(tensorboard);
  }

  public String getMetrics() {
    return metrics;
  }

  @DataBoundSetter
  public void setMetrics(String metrics) {
    this.metrics = Util.fixEmptyAndTrim(metrics);
  }

  @Override
  public BuildStepMonitor getRequiredMonitorService() {
    return BuildStepMonitor.NONE;
  }

  @Override
  public void perform(
      @NonNull Run<?, ?> build,
      @NonNull FilePath workspace,
      @NonNull EnvVars env,
      @NonNull Launcher launcher,
      @NonNull TaskListener listener)
      throws InterruptedException, IOException {
    String experiment = name == null ? build.getParent().getName() : name;
    if (tensorboard == null && metrics == null) {
      listener.getLogger().println("publishExperiment: name files with tensorboard: or metrics:");
    }
    Computer computer = workspace.toComputer();
    String node = computer == null ? "" : computer.getName();
    FilePath runs = WorkspaceList.tempDir(workspace).child("ct-runs");
    long started = build.getStartTimeInMillis();
    Map<String, String> tags = new TreeMap<>();
    tags.put("jenkins.job", build.getParent().getFullName());
    tags.put("jenkins.build", Integer.toString(build.getNumber()));
    String display = build.getFullDisplayName();
    ExperimentAction action = ExperimentAction.of(build);
    ExperimentRun run =
        action.startRun(
            experiment,
            id ->
                new RunHandle(
                    id, experiment, node, runs.child(id).getRemote(), workspace.getRemote()),
            id ->
                RunSummary.builder(id)
                    .family(experiment)
                    .name(display)
                    .startedAt(started)
                    .tags(tags)
                    .build());
    RunHandle h = run.getHandle();
    FilePath runDir = runs.child(h.getRunId());
    AgentSessions.Start spec =
        new AgentSessions.Start(
            h.getRunId(),
            experiment,
            display,
            started,
            1,
            workspace.getRemote(),
            tensorboard,
            metrics,
            tags,
            env);
    String json = runDir.act(new AgentSessions.Publish(spec));
    Sessions.collect(action, h, runDir, json, listener.getLogger());
  }

  @Extension
  @Symbol("publishExperiment")
  public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {
    @Override
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
      return true;
    }

    @Override
    public String getDisplayName() {
      return "Publish experiment results (metrics, TensorBoard event files)";
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.READ);
      return Util.fixEmptyAndTrim(value) == null
          ? FormValidation.warning("Without a name the run is named after the job.")
          : FormValidation.ok();
    }
  }
}
