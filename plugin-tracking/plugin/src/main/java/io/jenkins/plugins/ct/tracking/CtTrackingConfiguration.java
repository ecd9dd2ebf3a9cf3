package io.jenkins.plugins.ct.tracking;

import hudson.Extension;
import hudson.util.FormValidation;
import io.ctsuite.core.InputException;
import io.ctsuite.core.expr.Expression;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for experiment tracking (Manage Jenkins » System, and JCasC as {@code
 * unclassified: ctTracking:}).
 */
@Extension
@Symbol("ctTracking")
public class CtTrackingConfiguration extends GlobalConfiguration {
  static final int DEFAULT_SAMPLING_INTERVAL_SECONDS = 10;
  static final int MAX_SAMPLING_INTERVAL_SECONDS = 3600;
  static final String DEFAULT_KEY_METRIC = "val_loss";

  private int samplingIntervalSeconds = DEFAULT_SAMPLING_INTERVAL_SECONDS;
  private String defaultKeyMetric = DEFAULT_KEY_METRIC;

  public CtTrackingConfiguration() {
    load();
  }

  /** The configuration Jenkins holds, or {@code null} when Jenkins is not running. */
  public static CtTrackingConfiguration get() {
    return GlobalConfiguration.all().get(CtTrackingConfiguration.class);
  }

  /** The sampling interval of the running Jenkins, or the default outside one (tests, agents). */
  static int samplingIntervalOrDefault() {
    CtTrackingConfiguration c = get();
    return c == null ? DEFAULT_SAMPLING_INTERVAL_SECONDS : c.getSamplingIntervalSeconds();
  }

  /** The default key metric of the running Jenkins, or the built-in default. */
  static String defaultKeyMetricOrDefault() {
    CtTrackingConfiguration c = get();
    return c == null ? DEFAULT_KEY_METRIC : c.getDefaultKeyMetric();
  }

  /** How often GPU and system samples are taken while a tracked block runs. */
  public int getSamplingIntervalSeconds() {
    return samplingIntervalSeconds;
  }

  @DataBoundSetter
  public void setSamplingIntervalSeconds(int samplingIntervalSeconds) {
    this.samplingIntervalSeconds =
        samplingIntervalSeconds < 1 || samplingIntervalSeconds > MAX_SAMPLING_INTERVAL_SECONDS
            ? DEFAULT_SAMPLING_INTERVAL_SECONDS
            : samplingIntervalSeconds;
    save();
  }

  /** The metric leaderboards and trend charts use when a job names none. */
  public String getDefaultKeyMetric() {
    return defaultKeyMetric;
  }

  @DataBoundSetter
  public void setDefaultKeyMetric(String defaultKeyMetric) {
    String trimmed = defaultKeyMetric == null ? "" : defaultKeyMetric.trim();
    this.defaultKeyMetric = trimmed.isEmpty() ? DEFAULT_KEY_METRIC : trimmed;
    save();
  }

  @POST
  public FormValidation doCheckSamplingIntervalSeconds(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    try {
      int seconds = Integer.parseInt(value.trim());
      if (seconds < 1 || seconds > MAX_SAMPLING_INTERVAL_SECONDS) {
        return FormValidation.error(
            "The sampling interval must be between 1 and %d seconds.",
            MAX_SAMPLING_INTERVAL_SECONDS);
      }
      return FormValidation.ok();
    } catch (NumberFormatException e) {
      return FormValidation.error("The sampling interval must be a whole number of seconds.");
    }
  }

  @POST
  public FormValidation doCheckDefaultKeyMetric(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String name = value == null ? "" : value.trim();
    if (name.isEmpty()) {
      return FormValidation.warning("Empty: %s will be used.", DEFAULT_KEY_METRIC);
    }
    return isUsableInFilters(name)
        ? FormValidation.ok()
        : FormValidation.error(
            "'%s' cannot be used as a metric name in filters such as '%s > 0.9'.", name, name);
  }

  /** A key metric must be addressable in the ct filter language (leaderboards filter on it). */
  static boolean isUsableInFilters(String name) {
    try {
      return Expression.parse(name + " == 0").names().equals(Set.of(name));
    } catch (InputException e) {
      return false;
    }
  }
}
