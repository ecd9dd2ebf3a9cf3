package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class GpuAgentsLinkTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldShowThePageToAdministratorsOnly() throws Exception {
    r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
    r.jenkins.setAuthorizationStrategy(
        new MockAuthorizationStrategy()
            .grant(Jenkins.ADMINISTER)
            .everywhere()
            .to("admin")
            .grant(Jenkins.READ)
            .everywhere()
            .to("dev"));

    JenkinsRule.WebClient admin = r.createWebClient().login("admin");
    assertThat(admin.goTo("manage/ct-gpu/").asNormalizedText())
        .contains("Queued GPU work", "No build waits for GPUs.", "No Kubernetes cloud");

    JenkinsRule.WebClient dev = r.createWebClient().login("dev");
    dev.assertFails("manage/ct-gpu/", 403);
    dev.setThrowExceptionOnFailingStatusCode(false);
    WebRequest move =
        new WebRequest(
            new URL(r.getURL(), "manage/ct-gpu/move?id=1&direction=up"), HttpMethod.POST);
    dev.addCrumb(move);
    assertThat(dev.getPage(move).getWebResponse().getStatusCode()).isEqualTo(403);
  }

  @Test
  public void shouldRefuseAGetOfTheMoveAction() throws Exception {
    JenkinsRule.WebClient wc = r.createWebClient();
    wc.setThrowExceptionOnFailingStatusCode(false);
    assertThat(
            wc.goTo("manage/ct-gpu/move?id=1&direction=up", null).getWebResponse().getStatusCode())
        .isEqualTo(404);
  }
}
