package io.jenkins.plugins.ct.datasets;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ctsuite.core.InputException;
import io.ctsuite.core.expr.Expression;
import io.ctsuite.datasets.policy.ChangePolicy;
import io.ctsuite.datasets.snapshot.PathPattern;
import io.ctsuite.datasets.store.S3Location;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for dataset versioning (Manage Jenkins » System, and JCasC as {@code
 * unclassified: ctDatasets:}): where the registry is, how to reach S3, which files and metadata a
 * snapshot takes when a step names none, and the change policy a step or trigger uses by default.
 */
@Extension
@Symbol("ctDatasets")
public class CtDatasetsConfiguration extends GlobalConfiguration {
  private String registry = "";
  private String s3Endpoint = "";
  private String s3Region = "";
  private String credentialsId = "";
  private String defaultFilter = "";
  private String defaultPathPatterns = "";
  private String defaultPolicy = "";

  public CtDatasetsConfiguration() {
    load();
  }

  /** The configuration Jenkins holds, or {@code null} when Jenkins is not running. */
  public static CtDatasetsConfiguration get() {
    return GlobalConfiguration.all().get(CtDatasetsConfiguration.class);
  }

  /**
   * The registry: a directory (as seen by the machine that runs the step; a shared mount for
   * agents) or {@code s3://bucket/prefix}. Empty means {@code JENKINS_HOME/ct-datasets/registry},
   * which only the built-in node reaches.
   */
  public String getRegistry() {
    return registry;
  }

  @DataBoundSetter
  public void setRegistry(String registry) {
    this.registry = trim(registry);
    save();
  }

  /** The registry steps use when they name none. */
  public String effectiveRegistry() {
    if (!registry.isEmpty()) {
      return registry;
    }
    return new File(Jenkins.get().getRootDir(), "ct-datasets/registry").getAbsolutePath();
  }

  /** An S3-compatible endpoint (MinIO, Ceph); empty for AWS S3. */
  public String getS3Endpoint() {
    return s3Endpoint;
  }

  @DataBoundSetter
  public void setS3Endpoint(String s3Endpoint) {
    this.s3Endpoint = trim(s3Endpoint);
    save();
  }

  public String getS3Region() {
    return s3Region;
  }

  @DataBoundSetter
  public void setS3Region(String s3Region) {
    this.s3Region = trim(s3Region);
    save();
  }

  /**
   * Username/password credentials holding the S3 access key (username) and secret key (password);
   * empty for the machine's own AWS credentials (environment, profile, instance role).
   */
  public String getCredentialsId() {
    return credentialsId;
  }

  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = trim(credentialsId);
    save();
  }

  /**
   * Which files a snapshot keeps when a step names no filter, in the ct filter language (for
   * example {@code ext != 'tmp' and size > 0}); empty means every file.
   */
  public String getDefaultFilter() {
    return defaultFilter;
  }

  @DataBoundSetter
  public void setDefaultFilter(String defaultFilter) {
    this.defaultFilter = trim(defaultFilter);
    save();
  }

  /**
   * Metadata from paths when a step names none, one pattern per line, e.g. {@code
   * {source}/{label}/*}: the first that matches gives a file its source and label.
   */
  public String getDefaultPathPatterns() {
    return defaultPathPatterns;
  }

  @DataBoundSetter
  public void setDefaultPathPatterns(String defaultPathPatterns) {
    this.defaultPathPatterns = trim(defaultPathPatterns);
    save();
  }

  public List<String> pathPatterns() {
    List<String> patterns = new ArrayList<>();
    for (String line : defaultPathPatterns.split("\\R")) {
      if (!line.isBlank()) {
        patterns.add(line.trim());
      }
    }
    return patterns;
  }

  /**
   * The change policy {@code datasetDiff} and the trigger use when they name no condition, e.g.
   * {@code growth>=1.5, new-source, quiet=10m}; empty means any change of content.
   */
  public String getDefaultPolicy() {
    return defaultPolicy;
  }

  @DataBoundSetter
  public void setDefaultPolicy(String defaultPolicy) {
    this.defaultPolicy = trim(defaultPolicy);
    save();
  }

  private static String trim(String value) {
    return value == null ? "" : value.trim();
  }

  @POST
  public FormValidation doCheckRegistry(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String text = trim(value);
    if (text.isEmpty()) {
      return FormValidation.ok(
          "Versions go to "
              + new File(Jenkins.get().getRootDir(), "ct-datasets/registry")
              + "; only steps on the built-in node reach it.");
    }
    if (S3Location.isS3(text)) {
      try {
        S3Location.parse(text);
        return FormValidation.ok();
      } catch (InputException e) {
        return FormValidation.error(e.getMessage());
      }
    }
    if (!new File(text).isAbsolute()) {
      return FormValidation.error(
          "Give an absolute directory (a shared mount for agents) or s3://bucket/prefix.");
    }
    return FormValidation.ok();
  }

  @POST
  public FormValidation doCheckS3Endpoint(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String text = trim(value);
    if (text.isEmpty()) {
      return FormValidation.ok();
    }
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        return FormValidation.error("An endpoint is an http:// or https:// URL with a host.");
      }
      return FormValidation.ok();
    } catch (java.net.URISyntaxException e) {
      return FormValidation.error("Not a URL: " + e.getMessage());
    }
  }

  @POST
  public FormValidation doCheckDefaultFilter(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String text = trim(value);
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

  @POST
  public FormValidation doCheckDefaultPathPatterns(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    for (String line : trim(value).split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        PathPattern.compile(line.trim());
      } catch (InputException e) {
        return FormValidation.error(e.getMessage());
      }
    }
    return FormValidation.ok();
  }

  @POST
  public FormValidation doCheckDefaultPolicy(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    try {
      ChangePolicy.parse(trim(value));
      return FormValidation.ok();
    } catch (InputException e) {
      return FormValidation.error(e.getMessage());
    }
  }

  @POST
  public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
    if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
      return new StandardListBoxModel().includeCurrentValue(credentialsId);
    }
    return new StandardListBoxModel()
        .includeEmptyValue()
        .includeMatchingAs(
            ACL.SYSTEM2,
            Jenkins.get(),
            StandardUsernamePasswordCredentials.class,
            Collections.emptyList(),
            CredentialsMatchers.always())
        .includeCurrentValue(credentialsId);
  }
}
