package io.jenkins.plugins.ct.promotion;

import hudson.Extension;
import hudson.util.FormValidation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for model promotion (Manage Jenkins » System, and JCasC as {@code
 * unclassified: ctPromotion:}).
 */
@Extension
@Symbol("ctPromotion")
public class CtPromotionConfiguration extends GlobalConfiguration {
  private String gitlabUrl = "";

  public CtPromotionConfiguration() {
    load();
  }

  /** The configuration Jenkins holds, or {@code null} when Jenkins is not running. */
  public static CtPromotionConfiguration get() {
    return GlobalConfiguration.all().get(CtPromotionConfiguration.class);
  }

  /** The GitLab server that gate reports are posted to; empty when promotion does not comment. */
  public String getGitlabUrl() {
    return gitlabUrl;
  }

  @DataBoundSetter
  public void setGitlabUrl(String gitlabUrl) {
    String trimmed = gitlabUrl == null ? "" : gitlabUrl.trim();
    this.gitlabUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    save();
  }

  @POST
  public FormValidation doCheckGitlabUrl(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String text = value == null ? "" : value.trim();
    if (text.isEmpty()) {
      return FormValidation.ok();
    }
    return isServerUrl(text)
        ? FormValidation.ok()
        : FormValidation.error(
            "'%s' is not a server address such as https://gitlab.example.com.", text);
  }

  static boolean isServerUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
