package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One GPU type as requests name it ({@code a100} in {@code gpu:a100:2}): the values of the node
 * product label that mean it, and what one GPU-hour of it costs.
 */
public class GpuTypeSetting extends AbstractDescribableImpl<GpuTypeSetting> {
  private final String name;
  private String nodeLabels;
  private Double pricePerHour;

  @DataBoundConstructor
  public GpuTypeSetting(String name) {
    this.name = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }

  public String getName() {
    return name;
  }

  /** Product label values, separated by commas or new lines, e.g. NVIDIA-A100-SXM4-80GB. */
  public String getNodeLabels() {
    return nodeLabels;
  }

  @DataBoundSetter
  public void setNodeLabels(String nodeLabels) {
    this.nodeLabels = Util.fixEmptyAndTrim(nodeLabels);
  }

  /** Price of one GPU for one hour, or null when unknown. */
  public Double getPricePerHour() {
    return pricePerHour;
  }

  @DataBoundSetter
  public void setPricePerHour(Double pricePerHour) {
    this.pricePerHour = pricePerHour;
  }

  /** The product label values as a list. */
  public List<String> labelValues() {
    List<String> values = new ArrayList<>();
    if (nodeLabels != null) {
      for (String v : nodeLabels.split("[,\\s]+")) {
        if (!v.isBlank()) {
          values.add(v.trim());
        }
      }
    }
    return values;
  }

  @Extension
  @Symbol("gpuType")
  public static class DescriptorImpl extends Descriptor<GpuTypeSetting> {
    @Override
    public String getDisplayName() {
      return "GPU type";
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      String name = value == null ? "" : value.trim();
      if (name.isEmpty()) {
        return FormValidation.error("Name the type as requests write it, e.g. a100.");
      }
      if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
        return FormValidation.error(
            "'%s' cannot appear in a request such as gpu:a100:2; use letters and digits only.",
            name);
      }
      if (name.toLowerCase(Locale.ROOT).startsWith("mig")) {
        return FormValidation.error("Names starting with 'mig' are MIG profiles in requests.");
      }
      return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckPricePerHour(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      if (value == null || value.isBlank()) {
        return FormValidation.ok("No price: builds show GPU-hours without a cost.");
      }
      try {
        double price = Double.parseDouble(value.trim());
        return price < 0 || Double.isNaN(price) || Double.isInfinite(price)
            ? FormValidation.error("A price per GPU-hour is a number of at least 0.")
            : FormValidation.ok();
      } catch (NumberFormatException e) {
        return FormValidation.error("'%s' is not a number, e.g. 3.40.", value);
      }
    }
  }
}
