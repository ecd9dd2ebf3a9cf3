package io.jenkins.plugins.ct.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.ctsuite.tracking.run.RunSummary;
import java.io.IOException;
import java.util.Map;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;

/** logParams, logMetric, logArtifact, experimentResult, publishExperiment and the job's pages. */
public class ExperimentStepsTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  private WorkflowRun run(String script) throws Exception {
    WorkflowJob p = r.createProject(WorkflowJob.class, "p");
    p.setDefinition(new CpsFlowDefinition(script, true));
    return r.buildAndAssertSuccess(p);
  }

  @Test
  public void shouldRecordStepsOutsideABlockInARunNamedAfterTheJob() throws Exception {
    WorkflowRun b =
        run(
            "node {\n"
                + "  logParams(lr: 0.02, optimizer: [name: 'sgd'])\n"
                + "  logMetric(key: 'setup/seconds', value: 1.5)\n"
                + "  logMetric(key: 'setup/seconds', value: 1.25)\n"
                + "  writeFile file: 'report.txt', text: 'report'\n"
                + "  logArtifact(path: 'report.txt', role: 'report')\n"
                + "}");

    RunSummary s = b.getAction(ExperimentAction.class).getRun("p").getSummary();
    assertThat(s.params()).containsEntry("lr", 0.02).containsEntry("optimizer.name", "sgd");
    assertThat(s.metric("setup/seconds").count()).isEqualTo(2);
    assertThat(s.metric("setup/seconds").lastStep()).isEqualTo(1);
    assertThat(s.artifacts().get(0).size()).isEqualTo(6);
    assertThat(s.artifacts().get(0).sha256()).hasSize(64);
  }

  @Test
  public void shouldReturnTheSummaryAsAMapInsideAndAfterTheBlock() throws Exception {
    WorkflowRun b =
        run(
            "node {\n"
                + "  trackExperiment(name: 'steps') {\n"
                + "    logMetric(key: 'val/acc', value: 0.5, step: 1)\n"
                + "    logMetric(key: 'val/acc', value: 0.75, step: 2)\n"
                + "    echo \"inside: ${experimentResult(name: 'steps').status}\"\n"
                + "  }\n"
                + "  def r = experimentResult(name: 'steps')\n"
                + "  echo \"after: ${r.status} ${r.metrics['val/acc'].best}"
                + " ${r.metrics['val/acc'].goal}\"\n"
                + "}");

    r.assertLogContains("inside: RUNNING", b);
    r.assertLogContains("after: FINISHED 0.75 max", b);
  }

  @Test
  public void shouldFailClearlyWhenTheExperimentIsUnknown() throws Exception {
    WorkflowJob p = r.createProject(WorkflowJob.class, "q");
    p.setDefinition(new CpsFlowDefinition("experimentResult(name: 'nope')", true));
    WorkflowRun b = r.buildAndAssertStatus(hudson.model.Result.FAILURE, p);
    r.assertLogContains("No experiment 'nope' in q #1 (tracked: none)", b);
  }

  @Test
  public void shouldPublishFilesWrittenEarlierInAFreestyleBuild() throws Exception {
    FreeStyleProject p = r.createFreeStyleProject("eval");
    p.getBuildersList()
        .add(
            new TestBuilder() {
              @Override
              public boolean perform(
                  AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                  throws InterruptedException, IOException {
                build
                    .getWorkspace()
                    .child("metrics/eval.jsonl")
                    .write("{\"key\":\"test/acc\",\"value\":0.91}\n", "UTF-8");
                return true;
              }
            });
    ExperimentPublisher publisher = new ExperimentPublisher("evaluation");
    publisher.setMetrics("metrics/*.jsonl");
    p.getPublishersList().add(publisher);

    FreeStyleBuild b = r.buildAndAssertSuccess(p);

    RunSummary s = b.getAction(ExperimentAction.class).getRun("evaluation").getSummary();
    assertThat(s.metric("test/acc").last()).isEqualTo(0.91);
    r.assertEqualDataBoundBeans(publisher, r.configRoundtrip(p).getPublishersList().get(0));
  }

  @Test
  public void shouldRankRunsOfEveryBuildOnTheJobsLeaderboard() throws Exception {
    WorkflowJob p = r.createProject(WorkflowJob.class, "sweep");
    p.setDefinition(
        new CpsFlowDefinition(
            "node {\n"
                + "  for (int i = 1; i <= 3; i++) {\n"
                + "    trackExperiment(name: 'sweep') {\n"
                + "      logParams(lr: i / 100.0)\n"
                + "      logMetric(key: 'val/acc', value: i / 10.0 + currentBuild.number / 100.0)\n"
                + "    }\n"
                + "  }\n"
                + "}",
            true));
    r.buildAndAssertSuccess(p);
    r.buildAndAssertSuccess(p);

    JSONObject lb =
        r.getJSON(p.getUrl() + "experiments/leaderboardJson?metric=val/acc").getJSONObject();
    assertThat(lb.getInt("total")).isEqualTo(6);
    assertThat(lb.getJSONArray("rows").getJSONObject(0).getString("run")).isEqualTo("b2-sweep-3");
    JSONObject filtered =
        r.getJSON(
                p.getUrl() + "experiments/leaderboardJson?metric=val/acc&where=val/acc%20%3C%200.2")
            .getJSONObject();
    assertThat(filtered.getInt("total")).isEqualTo(2);
    JSONObject trend = r.getJSON(p.getUrl() + "experiments/trend?metric=val/acc").getJSONObject();
    // JSONArray is both a List and a Comparable: the cast picks AssertJ's Iterable assertions.
    assertThat(
            (Iterable<?>)
                trend
                    .getJSONArray("metrics")
                    .getJSONObject(0)
                    .getJSONObject("option")
                    .getJSONArray("series")
                    .getJSONObject(0)
                    .getJSONArray("data"))
        .hasSize(2);
    assertThat(
            r.createWebClient()
                .goTo(p.getUrl() + "experiments/compare?run=b1-sweep&run=b2-sweep")
                .asNormalizedText())
        .contains("Params that differ", "Metrics (last value; difference to the first run)");
  }

  @Test
  public void shouldTakeAnyNamedArgumentsAsParams() throws Exception {
    LogParamsStep.DescriptorImpl d =
        r.jenkins.getDescriptorByType(LogParamsStep.DescriptorImpl.class);

    LogParamsStep named = (LogParamsStep) d.newInstance(Map.of("lr", 0.01));
    LogParamsStep nested = (LogParamsStep) d.newInstance(Map.of("params", Map.of("lr", 0.01)));

    assertThat(named.getParams()).isEqualTo(nested.getParams()).containsEntry("lr", 0.01);
    assertThat(LogParamsStep.parseParamsText("lr=0.01\n# a comment\nbatch = 32\n"))
        .containsEntry("lr", 0.01)
        .containsEntry("batch", 32L);
  }
}
