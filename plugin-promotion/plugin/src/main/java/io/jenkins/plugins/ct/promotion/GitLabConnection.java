package io.jenkins.plugins.ct.promotion;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ctsuite.promotion.gitlab.ConnectionCheck;
import io.ctsuite.promotion.gitlab.GitLab4jGatewayFactory;
import io.ctsuite.promotion.gitlab.GitLabException;
import io.ctsuite.promotion.gitlab.MergeRequestGateway;
import io.ctsuite.promotion.gitlab.RetryPolicy;
import io.ctsuite.promotion.gitlab.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named GitLab server and the Secret text credential holding its API token. The token itself is
 * never stored here: it is looked up when a step runs, with the build's permissions.
 */
public final class GitLabConnection extends AbstractDescribableImpl<GitLabConnection> {
  static final int DEFAULT_CONNECT_TIMEOUT = 10;
  static final int DEFAULT_READ_TIMEOUT = 60;

  private final String name;
  private final String url;
  private final String credentialsId;
  private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT;
  private int readTimeoutSeconds = DEFAULT_READ_TIMEOUT;

  @DataBoundConstructor
  public GitLabConnection(String name, String url, String credentialsId) {
    this.name = Util.fixEmptyAndTrim(name);
    this.url = normalize(url);
    this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
  }

  static String normalize(String url) {
    String trimmed = Util.fixEmptyAndTrim(url);
    return trimmed == null ? null : trimmed.replaceAll("/+$", "");
  }

  /** How steps name this connection, e.g. {@code connection: 'gitlab'}. */
  public String getName() {
    return name;
  }

  public String getUrl() {
    return url;
  }

  /** The id of a Secret text credential with a GitLab access token (api scope). */
  public String getCredentialsId() {
    return credentialsId;
  }

  public int getConnectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  @DataBoundSetter
  public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
    this.connectTimeoutSeconds =
        connectTimeoutSeconds > 0 ? connectTimeoutSeconds : DEFAULT_CONNECT_TIMEOUT;
  }

  public int getReadTimeoutSeconds() {
    return readTimeoutSeconds;
  }

  @DataBoundSetter
  public void setReadTimeoutSeconds(int readTimeoutSeconds) {
    this.readTimeoutSeconds = readTimeoutSeconds > 0 ? readTimeoutSeconds : DEFAULT_READ_TIMEOUT;
  }

  /**
   * The token for a build: looked up with the build's authentication and recorded as used by it.
   *
   * @throws GitLabException when the credential is missing or not a Secret text
   */
  String token(Run<?, ?> build) {
    if (credentialsId == null) {
      throw new GitLabException(
          GitLabException.Kind.UNAUTHORIZED,
          0,
          "the GitLab connection '" + name + "' names no credentials; choose a Secret text one");
    }
    StringCredentials credentials =
        CredentialsProvider.findCredentialById(
            credentialsId,
            StringCredentials.class,
            build,
            URIRequirementBuilder.fromUri(url).build());
    if (credentials == null) {
      throw new GitLabException(
          GitLabException.Kind.UNAUTHORIZED,
          0,
          "no Secret text credentials '"
              + credentialsId
              + "' for the GitLab connection '"
              + name
              + "' are visible to this build");
    }
    CredentialsProvider.track(build, credentials);
    return credentials.getSecret().getPlainText();
  }

  /** A gateway to this server with the connection's timeouts. */
  MergeRequestGateway open(String token) {
    return new GitLab4jGatewayFactory(
            RetryPolicy.DEFAULT,
            Sleeper.REAL,
            Duration.ofSeconds(connectTimeoutSeconds),
            Duration.ofSeconds(readTimeoutSeconds))
        .open(url, token);
  }

  @Override
  public String toString() {
    return "GitLab connection " + name + " (" + url + ")"; // never the token
  }

  @Extension
  @Symbol("gitlabConnection")
  public static final class DescriptorImpl extends Descriptor<GitLabConnection> {
    @NonNull
    @Override
    public String getDisplayName() {
      return "GitLab connection";
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      String text = Util.fixEmptyAndTrim(value);
      if (text == null) {
        return FormValidation.error(
            "Give the connection a name; steps refer to it, e.g. 'gitlab'.");
      }
      return text.matches("[A-Za-z0-9._-]+")
          ? FormValidation.ok()
          : FormValidation.error(
              "Use letters, digits, '.', '_' and '-' only, so that Pipelines can name it plainly.");
    }

    @POST
    public FormValidation doCheckUrl(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      String text = Util.fixEmptyAndTrim(value);
      if (text == null) {
        return FormValidation.error(
            "Give the GitLab server's address, e.g. https://gitlab.example.com.");
      }
      if (!CtPromotionConfiguration.isServerUrl(text)) {
        return FormValidation.error(
            "'%s' is not a server address such as https://gitlab.example.com.", text);
      }
      return text.toLowerCase(Locale.ROOT).startsWith("http:")
          ? FormValidation.warning("The token will travel unencrypted over http.")
          : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      return seconds(value);
    }

    @POST
    public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      return seconds(value);
    }

    private static FormValidation seconds(String value) {
      try {
        int seconds = Integer.parseInt(Util.fixNull(value).strip());
        return seconds >= 1 && seconds <= 600
            ? FormValidation.ok()
            : FormValidation.error("Between 1 and 600 seconds.");
      } catch (NumberFormatException e) {
        return FormValidation.error("A whole number of seconds.");
      }
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(
        @QueryParameter String url, @QueryParameter String credentialsId) {
      if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
        return new StandardListBoxModel().includeCurrentValue(credentialsId);
      }
      return new StandardListBoxModel()
          .includeEmptyValue()
          .includeMatchingAs(
              ACL.SYSTEM2,
              Jenkins.get(),
              StringCredentials.class,
              URIRequirementBuilder.fromUri(normalize(url)).build(),
              CredentialsMatchers.always())
          .includeCurrentValue(credentialsId);
    }

    @POST
    public FormValidation doCheckCredentialsId(
        @QueryParameter String url, @QueryParameter String value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      if (Util.fixEmptyAndTrim(value) == null) {
        return FormValidation.error("Choose the Secret text credential with the GitLab token.");
      }
      return systemToken(url, value) == null
          ? FormValidation.error("No Secret text credential with the id '%s'.", value)
          : FormValidation.ok();
    }

    /**
     * The "Test connection" button: asks GitLab who the token belongs to. POST only, and only for
     * administrators, since it uses a stored credential.
     */
    @POST
    public FormValidation doTestConnection(
        @QueryParameter String url,
        @QueryParameter String credentialsId,
        @QueryParameter String connectTimeoutSeconds,
        @QueryParameter String readTimeoutSeconds) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      String server = normalize(url);
      if (server == null || !CtPromotionConfiguration.isServerUrl(server)) {
        return FormValidation.error("Give the GitLab server's address first.");
      }
      String token = systemToken(server, credentialsId);
      if (token == null) {
        return FormValidation.error("Choose a Secret text credential with the GitLab token first.");
      }
      try {
        String user =
            GitLabAccess.withPluginClassLoader(
                () ->
                    ConnectionCheck.currentUser(
                        server,
                        token,
                        Duration.ofSeconds(number(connectTimeoutSeconds, DEFAULT_CONNECT_TIMEOUT)),
                        Duration.ofSeconds(number(readTimeoutSeconds, DEFAULT_READ_TIMEOUT))));
        return FormValidation.ok("Connected to %s as %s.", server, user);
      } catch (GitLabException e) {
        return FormValidation.error(GitLabAccess.scrub(e.getMessage(), token));
      } catch (RuntimeException e) {
        return FormValidation.error(
            "Could not check the connection: " + GitLabAccess.describe(e, token));
      }
    }

    private static int number(String value, int fallback) {
      try {
        int n = Integer.parseInt(Util.fixNull(value).strip());
        return n > 0 ? n : fallback;
      } catch (NumberFormatException e) {
        return fallback;
      }
    }

    /** A global credential's secret, looked up as the system (only administrators get here). */
    @CheckForNull
    private static String systemToken(String url, String credentialsId) {
      if (Util.fixEmptyAndTrim(credentialsId) == null) {
        return null;
      }
      List<StringCredentials> all =
          CredentialsProvider.lookupCredentialsInItemGroup(
              StringCredentials.class,
              Jenkins.get(),
              ACL.SYSTEM2,
              URIRequirementBuilder.fromUri(normalize(url)).build());
      StringCredentials found =
          CredentialsMatchers.firstOrNull(all, CredentialsMatchers.withId(credentialsId.strip()));
      return found == null ? null : found.getSecret().getPlainText();
    }
  }
}
