package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * At most {@code maxGpus} GPUs held at once by the builds of the jobs under a folder (a team), of
 * one GPU type or all.
 */
public class GpuQuotaSetting extends AbstractDescribableImpl<GpuQuotaSetting> {
  private final int maxGpus;
  private String folder;
  private String gpuType;

  @DataBoundConstructor
  public GpuQuotaSetting(int maxGpus) {
    this.maxGpus = maxGpus;
  }

  public int getMaxGpus() {
    return maxGpus;
  }

  /** Folder path such as team-vision; blank or * for all jobs. */
  public String getFolder() {
    return folder;
  }

  @DataBoundSetter
  public void setFolder(String folder) {
    this.folder = Util.fixEmptyAndTrim(folder);
  }

  /** A GPU type or mig-&lt;profile&gt;; blank or * for every type. */
  public String getGpuType() {
    return gpuType;
  }

  @DataBoundSetter
  public void setGpuType(String gpuType) {
    this.gpuType = Util.fixEmptyAndTrim(gpuType);
  }

  @Extension
  @Symbol("gpuQuota")
  public static class DescriptorImpl extends Descriptor<GpuQuotaSetting> {
    @Override
    public String getDisplayName() {
      return "GPU quota";
    }

    @POST
    public FormValidation doCheckMaxGpus(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      try {
        int max = Integer.parseInt(value.trim());
        return max < 0
            ? FormValidation.error("A quota is at least 0 GPUs.")
            : max == 0
                ? FormValidation.warning("0: no build under this folder can get a GPU.")
                : FormValidation.ok();
      } catch (NumberFormatException e) {
        return FormValidation.error("Write a whole number of GPUs, e.g. 16.");
      }
    }
  }
}
