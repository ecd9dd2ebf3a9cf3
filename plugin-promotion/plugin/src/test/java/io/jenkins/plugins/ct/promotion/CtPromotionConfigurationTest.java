package io.jenkins.plugins.ct.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class CtPromotionConfigurationTest {
  private static final String TEST_CONNECTION =
      "descriptorByName/io.jenkins.plugins.ct.promotion.GitLabConnection/testConnection";

  @Rule public final JenkinsRule r = new JenkinsRule();
  @Rule public final FakeGitLab gitlab = new FakeGitLab();

  @Before
  public void credentials() throws Exception {
    SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
    store
        .getCredentials()
        .add(
            new StringCredentialsImpl(
                CredentialsScope.GLOBAL,
                "gitlab-token",
                "token",
                Secret.fromString(FakeGitLab.TOKEN)));
    store
        .getCredentials()
        .add(
            new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "wrong-token", "wrong", Secret.fromString("glpat-wrong")));
    store.save();
  }

  @Test
  public void shouldKeepConnectionsThroughTheSystemPage() throws Exception {
    GitLabConnection connection = new GitLabConnection("gitlab", gitlab.url(), "gitlab-token");
    connection.setConnectTimeoutSeconds(5);
    connection.setReadTimeoutSeconds(30);
    CtPromotionConfiguration config = CtPromotionConfiguration.get();
    config.setConnections(List.of(connection));

    r.configRoundtrip();

    assertThat(config.getConnections()).hasSize(1);
    r.assertEqualDataBoundBeans(connection, config.getConnections().get(0));
    assertThat(config.connection("gitlab").getReadTimeoutSeconds()).isEqualTo(30);
  }

  @Test
  public void shouldDropAllConnectionsWhenTheFormHasNone() throws Exception {
    CtPromotionConfiguration config = CtPromotionConfiguration.get();
    config.setConnections(List.of(new GitLabConnection("gitlab", gitlab.url(), "gitlab-token")));
    config.setConnections(List.of());

    r.configRoundtrip();

    assertThat(config.getConnections()).isEmpty();
  }

  @Test
  public void shouldTellAdministratorsWhoTheTokenBelongsTo() throws Exception {
    JenkinsRule.WebClient wc = r.createWebClient();

    Page page = wc.getPage(testConnection(wc, "gitlab-token"));

    assertThat(page.getWebResponse().getContentAsString())
        .contains("Connected to " + gitlab.url() + " as ");
    assertThat(gitlab.requests()).containsExactly("GET /api/v4/user");
  }

  @Test
  public void shouldSayTheTokenWasRefusedWithoutShowingIt() throws Exception {
    JenkinsRule.WebClient wc = r.createWebClient();

    String answer =
        wc.getPage(testConnection(wc, "wrong-token")).getWebResponse().getContentAsString();

    assertThat(answer)
        .contains("did not accept the token (401 Unauthorized)")
        .doesNotContain("glpat-wrong");
  }

  @Test
  public void shouldLetOnlyAdministratorsTestAConnection() throws Exception {
    r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
    r.jenkins.setAuthorizationStrategy(
        new MockAuthorizationStrategy()
            .grant(Jenkins.ADMINISTER)
            .everywhere()
            .to("admin")
            .grant(Jenkins.READ)
            .everywhere()
            .to("reader"));
    JenkinsRule.WebClient wc = r.createWebClient().login("reader");
    wc.setThrowExceptionOnFailingStatusCode(false);

    Page page = wc.getPage(testConnection(wc, "gitlab-token"));

    assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  public void shouldNotAnswerAGetOfTheTestButton() throws Exception {
    JenkinsRule.WebClient wc = r.createWebClient();
    wc.setThrowExceptionOnFailingStatusCode(false);

    Page page =
        wc.goTo(TEST_CONNECTION + "?url=" + gitlab.url() + "&credentialsId=gitlab-token", null);

    assertThat(page.getWebResponse().getStatusCode()).isEqualTo(404);
    assertThat(gitlab.requests()).isEmpty();
  }

  private WebRequest testConnection(JenkinsRule.WebClient wc, String credentialsId)
      throws Exception {
    WebRequest request = new WebRequest(new URL(r.getURL(), TEST_CONNECTION), HttpMethod.POST);
    request.setRequestParameters(
        List.of(
            new NameValuePair("url", gitlab.url()),
            new NameValuePair("credentialsId", credentialsId),
            new NameValuePair("connectTimeoutSeconds", "5"),
            new NameValuePair("readTimeoutSeconds", "5")));
    wc.addCrumb(request);
    return request;
  }
}
