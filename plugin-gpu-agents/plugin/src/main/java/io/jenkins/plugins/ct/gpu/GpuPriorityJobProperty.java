package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.JobProperty;
import hudson.model.JobPropertyDescriptor;
import hudson.util.FormValidation;
import io.ctsuite.gpu.policy.SchedulingPolicy;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The GPU priority class of a job's builds (e.g. production-retrain), for the queue order and the
 * pods' Kubernetes priority; a request's own {@code priority=} modifier wins over it, and it wins
 * over the class of its folders ({@link GpuPriorityFolderProperty}). In a Pipeline: {@code
 * properties([gpuPriority('nightly')])}.
 */
public class GpuPriorityJobProperty extends JobProperty<Job<?, ?>> {
  private final String priorityClass;

  @DataBoundConstructor
  public GpuPriorityJobProperty(String priorityClass) {
    this.priorityClass = Util.fixEmptyAndTrim(priorityClass);
  }

  public String getPriorityClass() {
    return priorityClass;
  }

  @Extension
  @Symbol("gpuPriority")
  public static class DescriptorImpl extends JobPropertyDescriptor {
    @Override
    public String getDisplayName() {
      return "GPU priority class";
    }

    /** Unchecked on the job page: no property. */
    @Override
    public JobProperty<?> newInstance(StaplerRequest2 req, JSONObject formData)
        throws FormException {
      Object block = formData.opt("specified");
      if (!(block instanceof JSONObject specified)) {
        return null;
      }
      return new GpuPriorityJobProperty(specified.optString("priorityClass", null));
    }

    @POST
    public FormValidation doCheckPriorityClass(
        @AncestorInPath Item item, @QueryParameter String value) {
      return checkClass(item, value);
    }

    /** A class the policy knows is fine; another one ranks as the default, which is said. */
    static FormValidation checkClass(Item item, String value) {
      if (item != null) {
        item.checkPermission(Item.CONFIGURE);
      }
      if (value == null || value.isBlank()) {
        return FormValidation.ok();
      }
      SchedulingPolicy policy = GpuAgents.settings().scheduling();
      String name = value.trim().toLowerCase(java.util.Locale.ROOT);
      return policy.priorities().contains(name)
          ? FormValidation.ok()
          : FormValidation.warning(
              "'%s' is not one of the classes %s; it will rank as %s.",
              value.trim(), policy.priorities(), policy.defaultPriority());
    }
  }
}
