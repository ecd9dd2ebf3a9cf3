package io.jenkins.plugins.ct.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** A controller restart in the middle of the block loses no point (jenkins-scenarios/…/restart). */
public class TrackingRestartTest {
  @Rule public JenkinsSessionRule sessions = new JenkinsSessionRule();

  @Test
  public void shouldFinishTheRunWithEveryPointAfterARestart() throws Throwable {
    sessions.then(
        r -> {
          WorkflowJob p = r.createProject(WorkflowJob.class, "train");
          p.setDefinition(
              new CpsFlowDefinition(
                  "node {\n"
                      + "  trackExperiment(name: 'survives') {\n"
                      + "    sh '''for i in $(seq 1 20); do\n"
                      + "      echo \"##ct[metric key='loss' value='$i' step='$i']\"\n"
                      + "      echo \"{\\\\\"key\\\\\":\\\\\"acc\\\\\",\\\\\"value\\\\\":$i}\" >>"
                      + " \"$CT_METRICS_FILE\"\n"
                      + "      sleep 1\n"
                      + "    done'''\n"
                      + "  }\n"
                      + "}",
                  true));
          WorkflowRun b = p.scheduleBuild2(0).waitForStart();
          r.waitForMessage("##ct[metric key='loss' value='5' step='5']", b);
        });
    sessions.then(
        r -> {
          WorkflowRun b =
              r.jenkins.getItemByFullName("train", WorkflowJob.class).getBuildByNumber(1);
          r.assertBuildStatusSuccess(r.waitForCompletion(b));
          RunSummary s = b.getAction(ExperimentAction.class).getRun("survives").getSummary();
          assertThat(s.status()).isEqualTo(RunStatus.FINISHED);
          assertThat(s.metric("loss").count()).isEqualTo(20);
          assertThat(s.metric("acc").count()).isEqualTo(20);
          // JenkinsSessionRule restarts Jenkins inside the same JVM, where the plugin's classes (on
          // the test classpath) keep the agent-side session: it goes on ("running"); a new
          // controller JVM would pick it up from its directory ("resumed").
          assertThat(JenkinsRule.getLog(b))
              .containsPattern("Tracking of run b1-survives after the restart: (running|resumed)");
        });
  }
}
