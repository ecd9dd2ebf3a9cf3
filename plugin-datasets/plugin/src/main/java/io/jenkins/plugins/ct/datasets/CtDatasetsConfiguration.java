package io.jenkins.plugins.ct.datasets;

import hudson.Extension;
import hudson.util.FormValidation;
import io.ctsuite.core.InputException;
import io.ctsuite.core.expr.Expression;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for dataset versioning (Manage Jenkins » System, and JCasC as {@code
 * unclassified: ctDatasets:}).
 */
@Extension
@Symbol("ctDatasets")
public class CtDatasetsConfiguration extends GlobalConfiguration {
  private String defaultFilter = "";

  public CtDatasetsConfiguration() {
    load();
  }

  /** The configuration Jenkins holds, or {@code null} when Jenkins is not running. */
  public static CtDatasetsConfiguration get() {
    return GlobalConfiguration.all().get(CtDatasetsConfiguration.class);
  }

  /**
   * Which files a dataset manifest includes when a step names no filter, in the ct filter language
   * (for example {@code path matches '*.parquet' and size > 0}); empty means every file.
   */
  public String getDefaultFilter() {
    return defaultFilter;
  }

  @DataBoundSetter
  public void setDefaultFilter(String defaultFilter) {
    this.defaultFilter = defaultFilter == null ? "" : defaultFilter.trim();
    save();
  }

  @POST
  public FormValidation doCheckDefaultFilter(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String text = value == null ? "" : value.trim();
    if (text.isEmpty()) {
      return FormValidation.ok();
    }
    try {
      Expression.parse(text);
      return FormValidation.ok();
    } catch (InputException e) {
      return FormValidation.error(e.getMessage());
    }
  }
}
