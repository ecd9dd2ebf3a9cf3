package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.util.FormValidation;
import java.util.regex.Pattern;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for GPU agents (Manage Jenkins » System, and JCasC as {@code
 * unclassified: ctGpuAgents:}).
 */
@Extension
@Symbol("ctGpuAgents")
public class CtGpuConfiguration extends GlobalConfiguration {
  static final String DEFAULT_RESOURCE_NAME = "nvidia.com/gpu";

  /** A Kubernetes extended resource name: a DNS subdomain prefix, a slash, then a name. */
  private static final Pattern EXTENDED_RESOURCE =
      Pattern.compile(
          "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
              + "/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private String gpuResourceName = DEFAULT_RESOURCE_NAME;

  public CtGpuConfiguration() {
    load();
  }

  /** The configuration Jenkins holds, or {@code null} when Jenkins is not running. */
  public static CtGpuConfiguration get() {
    return GlobalConfiguration.all().get(CtGpuConfiguration.class);
  }

  /** The resource that GPU pods request in {@code resources.limits}. */
  public String getGpuResourceName() {
    return gpuResourceName;
  }

  @DataBoundSetter
  public void setGpuResourceName(String gpuResourceName) {
    String trimmed = gpuResourceName == null ? "" : gpuResourceName.trim();
    this.gpuResourceName = trimmed.isEmpty() ? DEFAULT_RESOURCE_NAME : trimmed;
    save();
  }

  @POST
  public FormValidation doCheckGpuResourceName(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String name = value == null ? "" : value.trim();
    if (name.isEmpty()) {
      return FormValidation.warning("Empty: %s will be used.", DEFAULT_RESOURCE_NAME);
    }
    return isExtendedResourceName(name)
        ? FormValidation.ok()
        : FormValidation.error(
            "'%s' is not an extended resource name such as nvidia.com/gpu or amd.com/gpu.", name);
  }

  static boolean isExtendedResourceName(String name) {
    return name.length() <= 316
        && EXTENDED_RESOURCE.matcher(name).matches()
        && !name.startsWith("kubernetes.io/");
  }
}
