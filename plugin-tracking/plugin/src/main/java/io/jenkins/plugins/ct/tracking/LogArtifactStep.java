package io.jenkins.plugins.ct.tracking;

import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.ctsuite.tracking.capture.RunRecorder;
import io.ctsuite.tracking.capture.ServiceMessage;
import io.ctsuite.tracking.run.Artifact;
import java.io.File;
import java.io.IOException;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code logArtifact('out/model.pt')} or {@code logArtifact(path: 'out/model.pt', role: 'model')}:
 * a file the run produced, recorded with its size and SHA-256 (computed on the agent).
 */
public final class LogArtifactStep extends Step {
  private final String path;
  private String role;

  @DataBoundConstructor
  public LogArtifactStep(String path) {
    this.path = Util.fixEmptyAndTrim(path);
  }

  public String getPath() {
    return path;
  }

  public String getRole() {
    return role;
  }

  /** What the file is, e.g. {@code model}, {@code report}. */
  @DataBoundSetter
  public void setRole(String role) {
    this.role = Util.fixEmptyAndTrim(role);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, path, role);
  }

  private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String role;

    Execution(StepContext context, String path, String role) {
      super(context);
      this.path = path;
      this.role = role;
    }

    @Override
    protected Void run() throws Exception {
      if (path == null) {
        throw new IllegalArgumentException("logArtifact needs the path of a file in the workspace");
      }
      ServiceMessage message =
          role == null
              ? ServiceMessage.of("artifact", "path", path)
              : ServiceMessage.of("artifact", "path", path, "role", role);
      if (Tracking.printInBlock(getContext(), message)) {
        return null; // sized and hashed on the agent when the block ends
      }
      FilePath workspace = getContext().get(FilePath.class);
      String[] described = workspace == null ? null : workspace.act(new Describe(path, role));
      Tracking.recordOutsideBlock(
          getContext(),
          recorder -> recorder.artifact(path, role),
          summary ->
              described == null
                  ? summary
                  : summary.toBuilder()
                      .artifact(
                          new Artifact(path, role, Long.parseLong(described[0]), described[1]))
                      .build());
      getContext()
          .get(TaskListener.class)
          .getLogger()
          .println(
              described == null
                  ? "Logged artifact " + path + " (no workspace: size and hash unknown)"
                  : "Logged artifact "
                      + path
                      + " ("
                      + described[0]
                      + " bytes, sha256 "
                      + described[1]
                      + ")");
      return null;
    }
  }

  /** Size and SHA-256 of a workspace file, on the agent; {@code null} when it does not exist. */
  static final class Describe extends MasterToSlaveFileCallable<String[]> {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String role;

    Describe(String path, String role) {
      this.path = path;
      this.role = role;
    }

    @Override
    public String[] invoke(File workspace, VirtualChannel channel) throws IOException {
      RunRecorder probe = RunRecorder.start("probe", null, 0);
      probe.artifact(path, role);
      probe.describeArtifacts(workspace.toPath());
      Artifact a = probe.summary().artifacts().get(0);
      return a.sha256() == null ? null : new String[] {Long.toString(a.size()), a.sha256()};
    }
  }

  @Extension
  @Symbol("logArtifact")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "logArtifact";
    }

    @Override
    public String getDisplayName() {
      return "Log an artifact of the experiment (size and SHA-256 recorded)";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class);
    }
  }
}
