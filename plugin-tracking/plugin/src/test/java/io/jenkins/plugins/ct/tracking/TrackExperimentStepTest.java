package io.jenkins.plugins.ct.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The tracked block in a Pipeline on an agent: what the build records, shows and exports. (Runs
 * with {@code mvn -Pjenkins verify}; the same checks run against a real Jenkins as the scenarios in
 * jenkins-scenarios/ct-tracking.)
 */
public class TrackExperimentStepTest {
  @ClassRule public static BuildWatcher buildWatcher = new BuildWatcher();
  @Rule public JenkinsRule r = new JenkinsRule();

  private static final String TRAINING =
      "trackExperiment(name: 'phase-recognition', metrics: 'metrics/*.jsonl') {\n"
          + "  sh '''\n"
          + "    mkdir -p metrics out\n"
          + "    for step in 1 2 3; do\n"
          + "      echo \"##ct[metric key='train/loss' value='0.$((9 - step))' step='$step']\"\n"
          + "      echo"
          + " \"{\\\\\"key\\\\\":\\\\\"val/mAP\\\\\",\\\\\"value\\\\\":0.4$step,\\\\\"step\\\\\":$step}\""
          + " >> \"$CT_METRICS_FILE\"\n"
          + "    done\n"
          + "    echo '{\"params\":{\"batch\":32}}' >> metrics/train.jsonl\n"
          + "    echo 'not json' >> metrics/train.jsonl\n"
          + "    printf weights > out/model.pt\n"
          + "    echo \"##ct[artifact path='out/model.pt' role='model']\"\n"
          + "  '''\n"
          + "  logParams(lr: 0.01)\n"
          + "}\n";

  private WorkflowJob job(String script) throws Exception {
    WorkflowJob p = r.createProject(WorkflowJob.class, "train");
    p.setDefinition(new CpsFlowDefinition(script, true));
    return p;
  }

  @Test
  public void shouldRecordWhatTheBlockPrintsAndWritesOnAnAgent() throws Exception {
    DumbSlave agent = r.createOnlineSlave(Label.get("gpu"));
    WorkflowRun b = r.buildAndAssertSuccess(job("node('gpu') {\n" + TRAINING + "}"));

    ExperimentAction action = b.getAction(ExperimentAction.class);
    assertThat(action).isNotNull();
    ExperimentRun run = action.getRun("phase-recognition");
    RunSummary s = run.getSummary();
    assertThat(s.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(s.metric("train/loss").count()).isEqualTo(3); // sh's trace lines are not counted
    assertThat(s.metric("train/loss").last()).isEqualTo(0.6);
    assertThat(s.metric("val/mAP").max()).isEqualTo(0.43);
    assertThat(s.params()).containsEntry("lr", 0.01).containsEntry("batch", 32L);
    assertThat(s.artifacts().get(0).size()).isEqualTo(7);
    assertThat(s.warnings()).anyMatch(w -> w.startsWith("train.jsonl:2"));
    assertThat(s.system()).containsKey("sys/mem_used_mib");
    assertThat(action.metricSeries(run.getId()).get("val/mAP").size()).isEqualTo(3);
    r.assertLogContains("Experiment 'phase-recognition' (run b1-phase-recognition) finished", b);
    assertThat(agent.toComputer().isOnline()).isTrue();
  }

  @Test
  public void shouldShowTheRunOnItsPagesAndInTheJsonApi() throws Exception {
    r.createOnlineSlave(Label.get("gpu"));
    WorkflowRun b = r.buildAndAssertSuccess(job("node('gpu') {\n" + TRAINING + "}"));
    JenkinsRule.WebClient wc = r.createWebClient();

    assertThat(wc.getPage(b).asNormalizedText()).contains("Experiment phase-recognition");
    assertThat(wc.getPage(b, "experiment/").asNormalizedText())
        .contains("Capture warnings", "out/model.pt", "batch");
    JSONObject api = r.getJSON(b.getUrl() + "experiment/api/json?depth=1").getJSONObject();
    JSONObject run = api.getJSONArray("runs").getJSONObject(0);
    assertThat(run.getString("status")).isEqualTo("FINISHED");
    JSONArray metrics = run.getJSONArray("metrics");
    assertThat(metrics.getJSONObject(0).getString("key")).isEqualTo("train/loss");
    assertThat(metrics.getJSONObject(0).getString("goal")).isEqualTo("min");
    JSONObject view =
        r.getJSON(b.getUrl() + "experiment/view?run=b1-phase-recognition").getJSONObject();
    // JSONArray is both a List and a Comparable: the cast picks AssertJ's Iterable assertions.
    assertThat((Iterable<?>) view.getJSONArray("metrics")).hasSize(2);
  }

  @Test
  public void shouldEndTheRunAsKilledWhenTheBuildIsAborted() throws Exception {
    WorkflowJob p =
        job(
            "node {\n"
                + "  trackExperiment(name: 'long') {\n"
                + "    sh '''for i in $(seq 1 600); do\n"
                + "      echo \"##ct[metric key='loss' value='$i']\"; sleep 0.1\n"
                + "    done'''\n"
                + "  }\n"
                + "}");
    WorkflowRun b = p.scheduleBuild2(0).waitForStart();
    r.waitForMessage("##ct[metric key='loss' value='20']", b);
    b.doStop();
    r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

    RunSummary s = b.getAction(ExperimentAction.class).getRun("long").getSummary();
    assertThat(s.status()).isEqualTo(RunStatus.KILLED);
    assertThat(s.metric("loss").count()).isBetween(20L, 599L);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("ct-run-session b1-long"));
  }

  @Test
  public void shouldKeepItsConfigurationThroughTheSnippetGenerator() throws Exception {
    TrackExperimentStep step = new TrackExperimentStep("phase-recognition");
    step.setTensorboard("runs/**");
    step.setMetrics("metrics/*.jsonl");

    r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    new SnippetizerTester(r)
        .assertRoundTrip(
            new TrackExperimentStep("phase-recognition"),
            "trackExperiment('phase-recognition') {\n    // some block\n}");
  }
}
