package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.Util;
import hudson.model.Node;
import hudson.slaves.NodeProperty;
import hudson.slaves.NodePropertyDescriptor;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "GPU slots" of a static GPU machine: how many GPUs builds on this node share through {@code
 * withGpus}, either a fixed count or detected with nvidia-smi on the agent, and where the machine
 * keeps its leases (shared with {@code ct gpu slots} and other agents on the same machine).
 */
public class GpuSlotsNodeProperty extends NodeProperty<Node> {
  /** The directory {@code ct gpu slots} uses by default, so that both share the leases. */
  static final String DEFAULT_STATE_DIR = "/var/tmp/ct-gpu-slots";

  private final int count;
  private String stateDir;
  private String gpuType;
  private String nvidiaSmi;

  /**
   * @param count GPUs of the machine, or 0 to detect them with nvidia-smi on the agent
   */
  @DataBoundConstructor
  public GpuSlotsNodeProperty(int count) {
    this.count = Math.max(0, count);
  }

  public int getCount() {
    return count;
  }

  /** Directory of the machine's leases; blank for {@value #DEFAULT_STATE_DIR}. */
  public String getStateDir() {
    return stateDir;
  }

  @DataBoundSetter
  public void setStateDir(String stateDir) {
    this.stateDir = Util.fixEmptyAndTrim(stateDir);
  }

  /** The GPU type of the machine as requests and prices name it (e.g. a100), for costs. */
  public String getGpuType() {
    return gpuType;
  }

  @DataBoundSetter
  public void setGpuType(String gpuType) {
    this.gpuType = Util.fixEmptyAndTrim(gpuType);
  }

  /** The nvidia-smi command on the agent; blank for nvidia-smi on its PATH. */
  public String getNvidiaSmi() {
    return nvidiaSmi;
  }

  @DataBoundSetter
  public void setNvidiaSmi(String nvidiaSmi) {
    this.nvidiaSmi = Util.fixEmptyAndTrim(nvidiaSmi);
  }

  String nvidiaSmiOrDefault() {
    return nvidiaSmi == null ? "nvidia-smi" : nvidiaSmi;
  }

  String stateDirOrDefault() {
    return stateDir == null ? DEFAULT_STATE_DIR : stateDir;
  }

  @Extension
  @Symbol("gpuSlots")
  public static class DescriptorImpl extends NodePropertyDescriptor {
    @Override
    public String getDisplayName() {
      return "GPU slots";
    }

    @POST
    public FormValidation doCheckCount(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      try {
        int n = Integer.parseInt(value.trim());
        if (n < 0) {
          return FormValidation.error("A machine has 0 (detect) or more GPUs.");
        }
        return n == 0
            ? FormValidation.ok("0: counted with nvidia-smi on the agent when a build asks.")
            : FormValidation.ok();
      } catch (NumberFormatException e) {
        return FormValidation.error("Write a whole number of GPUs, or 0 to detect them.");
      }
    }

    @POST
    public FormValidation doCheckStateDir(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      if (value == null || value.isBlank()) {
        return FormValidation.ok("Default: %s, shared with 'ct gpu slots'.", DEFAULT_STATE_DIR);
      }
      return value.trim().startsWith("/") || value.trim().matches("[A-Za-z]:[\\\\/].*")
          ? FormValidation.ok()
          : FormValidation.error("Give an absolute path on the agent machine.");
    }
  }
}
