package io.jenkins.plugins.ct.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Result;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class PromotionPagesTest {
  @Rule public final JenkinsRule r = new JenkinsRule();

  private WorkflowRun gated(boolean passes) throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "pages",
            "node {\n"
                + Pipelines.evaluation(passes)
                + Pipelines.gate("name: 'phase <b>'")
                + "}\n");
    return Pipelines.run(r, job, passes ? Result.SUCCESS : Result.FAILURE);
  }

  @Test
  public void shouldShowTheVerdictBadgeTheTableAndTheChartOnTheBuildPage() throws Exception {
    WorkflowRun run = gated(true);
    JenkinsRule.WebClient wc = r.createWebClient();

    HtmlPage page = wc.getPage(run);

    String html = page.getWebResponse().getContentAsString();
    assertThat(html)
        .contains("class=\"ct-verdict ct-verdict-pass\"")
        .contains("accuracy [source=clinic]")
        .contains("promotion/chart?gate=1")
        // Jelly escapes the '<' of the gate's name ("phase &lt;b>"): no tag can start.
        .contains("phase &lt;b")
        .doesNotContain("phase <b>");
  }

  @Test
  public void shouldServeTheGateThroughTheJsonApi() throws Exception {
    WorkflowRun run = gated(false);
    JenkinsRule.WebClient wc = r.createWebClient();

    JSONObject api = wc.getJSON(run.getUrl() + "promotion/api/json?depth=1").getJSONObject();

    assertThat(api.getString("verdict")).isEqualTo("FAIL");
    JSONObject gate = api.getJSONArray("gates").getJSONObject(0);
    assertThat(gate.getString("name")).isEqualTo("phase <b>");
    assertThat(gate.getString("appliedResult")).isEqualTo("FAILURE");
    JSONArray checks = gate.getJSONArray("checks");
    assertThat(checks.size()).isEqualTo(3);
    assertThat(checks.getJSONObject(0).getString("outcome")).isEqualTo("FAIL");
    JSONObject chart = wc.getJSON(run.getUrl() + "promotion/chart?gate=1").getJSONObject();
    assertThat(chart.getJSONArray("panels").getJSONObject(0).getString("check"))
        .isEqualTo("accuracy");
    String markdown =
        wc.goTo(run.getUrl() + "promotion/report?gate=1&format=md", "text/plain")
            .getWebResponse()
            .getContentAsString();
    assertThat(markdown).contains("Regression gate: **FAIL**");
  }

  @Test
  public void shouldHideReportsFromUsersWhoCannotReadTheJob() throws Exception {
    WorkflowRun run = gated(true);
    r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
    r.jenkins.setAuthorizationStrategy(
        new MockAuthorizationStrategy()
            .grant(Jenkins.READ)
            .everywhere()
            .to("outsider")
            .grant(Jenkins.READ, Item.READ)
            .everywhere()
            .to("reader"));
    JenkinsRule.WebClient outsider = r.createWebClient().login("outsider");
    outsider.setThrowExceptionOnFailingStatusCode(false);

    Page refused = outsider.goTo(run.getUrl() + "promotion/report?gate=1", null);
    Page allowed =
        r.createWebClient().login("reader").goTo(run.getUrl() + "promotion/report?gate=1", null);

    assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(404);
    assertThat(allowed.getWebResponse().getContentAsString()).contains("\"verdict\"");
  }

  @Test
  public void shouldListNoPromotionsButLinkTheJobPageOnceAGateRan() throws Exception {
    WorkflowRun run = gated(true);
    JenkinsRule.WebClient wc = r.createWebClient();

    JSONObject history =
        wc.getJSON(run.getParent().getUrl() + "promotions/api/json").getJSONObject();

    assertThat(history.getJSONArray("history").size()).isZero();
    assertThat(run.getParent().getAction(PromotionJobAction.class)).isNotNull();
    assertThat(r.createProject(WorkflowJob.class, "untouched").getAction(PromotionJobAction.class))
        .isNull();
  }
}
