package io.jenkins.plugins.ct.gpu;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.FormValidation;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The GPU priority class of every job inside a folder (a team's folder of nightly retrains, say),
 * for those that do not set their own {@link GpuPriorityJobProperty}; the nearest folder that sets
 * one wins. A request's own {@code priority=} modifier still wins over both.
 */
public class GpuPriorityFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {
  private final String priorityClass;

  @DataBoundConstructor
  public GpuPriorityFolderProperty(String priorityClass) {
    this.priorityClass = Util.fixEmptyAndTrim(priorityClass);
  }

  public String getPriorityClass() {
    return priorityClass;
  }

  /** The class set by the nearest folder around {@code item} (not the item itself), or null. */
  static String inherited(Item item) {
    ItemGroup<?> parent = item == null ? null : item.getParent();
    while (parent instanceof AbstractFolder<?> folder) {
      GpuPriorityFolderProperty property =
          folder.getProperties().get(GpuPriorityFolderProperty.class);
      if (property != null && property.getPriorityClass() != null) {
        return property.getPriorityClass();
      }
      parent = folder.getParent();
    }
    return null;
  }

  @Extension
  @Symbol("gpuFolderPriority")
  public static class DescriptorImpl extends AbstractFolderPropertyDescriptor {
    @Override
    public String getDisplayName() {
      return "GPU priority class of the jobs in this folder";
    }

    /** Unchecked on the folder page: no property. */
    @Override
    public AbstractFolderProperty<?> newInstance(StaplerRequest2 req, JSONObject formData)
        throws FormException {
      Object block = formData.opt("specified");
      if (!(block instanceof JSONObject specified)) {
        return null;
      }
      return new GpuPriorityFolderProperty(specified.optString("priorityClass", null));
    }

    @POST
    public FormValidation doCheckPriorityClass(
        @AncestorInPath Item item, @QueryParameter String value) {
      return GpuPriorityJobProperty.DescriptorImpl.checkClass(item, value);
    }
  }
}
