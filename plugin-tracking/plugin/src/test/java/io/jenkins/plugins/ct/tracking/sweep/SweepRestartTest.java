package io.jenkins.plugins.ct.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** A controller restart in the middle of a sweep: the trials go on, each report counts once. */
public class SweepRestartTest {
  @Rule public JenkinsSessionRule sessions = new JenkinsSessionRule();

  @Test
  public void shouldGoOnAfterARestartCountingEveryReportOnce() throws Throwable {
    sessions.then(
        j -> {
          WorkflowJob p = j.createProject(WorkflowJob.class, "sweep");
          p.setDefinition(
              new CpsFlowDefinition(
                  SweepStepsTest.sweepScript(
                      "restart",
                      "scheduler: 'asha', max_t: 12, grace_period: 2, reduction_factor: 2",
                      2,
                      12),
                  true));
          WorkflowRun b = p.scheduleBuild2(0).waitForStart();
          j.waitForMessage("passed rung-2", b);
        });
    sessions.then(
        j -> {
          WorkflowRun b =
              j.jenkins.getItemByFullName("sweep", WorkflowJob.class).getBuildByNumber(1);
          j.assertBuildStatusSuccess(j.waitForCompletion(b));
          j.assertLogContains("goes on after the restart", b);
          SweepAction action = SweepAction.of(b, "restart");
          assertThat(action.getTrials()).hasSize(6);
          for (SweepTrialRow row : action.getTrials()) {
            assertThat(row.getAttempts()).isEqualTo(1);
            assertThat(row.getStatus()).isIn("completed", "stopped");
            // one report per step up to where it ended: nothing read twice after the restart
            assertThat((double) row.getReports()).isEqualTo(row.getTime());
          }
          assertThat(action.getBest().getNumber()).isEqualTo(3);
        });
  }
}
