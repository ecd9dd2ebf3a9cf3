package io.jenkins.plugins.ct.gpu;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.ctsuite.core.InputException;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code gpuPodYaml('gpu:a100:2')} returns the pod YAML for {@code podTemplate(yaml: …)}: the GPUs,
 * node placement, tolerations, /dev/shm and priority the request asks for, merged with an optional
 * base pod ({@code yaml:}) without losing anything of either.
 */
public class GpuPodYamlStep extends Step {
  private final String request;
  private String yaml;

  @DataBoundConstructor
  public GpuPodYamlStep(String request) {
    this.request = request;
  }

  public String getRequest() {
    return request;
  }

  /** A base pod (YAML) to merge the GPU pod into, e.g. with the team's own containers. */
  public String getYaml() {
    return yaml;
  }

  @DataBoundSetter
  public void setYaml(String yaml) {
    this.yaml = yaml == null || yaml.isBlank() ? null : yaml;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, request, yaml);
  }

  /** Renders on the controller: pure computation over the global configuration, no agent. */
  static final class Execution extends SynchronousNonBlockingStepExecution<String> {
    private static final long serialVersionUID = 1L;
    private final String request;
    private final String yaml;

    Execution(StepContext context, String request, String yaml) {
      super(context);
      this.request = request;
      this.yaml = yaml;
    }

    @Override
    protected String run() throws Exception {
      GpuPods.Rendered rendered;
      try {
        rendered = GpuAgents.pods().render(GpuPods.request(request), yaml, "gpuPodYaml yaml");
      } catch (InputException e) {
        throw new AbortException("gpuPodYaml: " + e.getMessage());
      }
      TaskListener listener = getContext().get(TaskListener.class);
      if (listener != null) {
        listener
            .getLogger()
            .println(
                "GPU pod for "
                    + rendered.request().describe()
                    + " ("
                    + rendered.request().text()
                    + ")");
        for (String note : rendered.notes()) {
          listener.getLogger().println("  the GPU request overrode the base pod: " + note);
        }
      }
      return rendered.yaml();
    }
  }

  @Extension
  @Symbol("gpuPodYaml")
  public static class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "gpuPodYaml";
    }

    @Override
    public String getDisplayName() {
      return "Pod YAML for a GPU request";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(TaskListener.class);
    }

    @POST
    public FormValidation doCheckRequest(@AncestorInPath Item item, @QueryParameter String value) {
      if (item == null) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      } else {
        item.checkPermission(Item.CONFIGURE);
      }
      try {
        return FormValidation.ok(GpuPods.request(value).describe());
      } catch (InputException e) {
        return FormValidation.error(e.getMessage());
      }
    }
  }
}
