package io.jenkins.plugins.ct.gpu;

import hudson.model.Queue;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class GpuQueueDispatcherTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldHoldWorkBeyondTheFolderQuotaWithTheModelsSentence() throws Exception {
    r.jenkins.setLabelString("gpu:2");
    r.jenkins.setNumExecutors(4);
    GpuQuotaSetting quota = new GpuQuotaSetting(2);
    quota.setFolder("team");
    CtGpuConfiguration.get().setQuotas(List.of(quota));
    WorkflowJob job = r.createProject(WorkflowJob.class, "team");
    job.setDefinition(
        new CpsFlowDefinition(
            "parallel a: { node('gpu:2') { echo 'a runs'; semaphore 'hold' } },"
                + " b: { sleep 2; node('gpu:2') { echo 'b runs' } }",
            true));

    WorkflowRun run = job.scheduleBuild2(0).waitForStart();
    r.waitForMessage("a runs", run);
    SemaphoreStep.waitForStart("hold/1", run);
    // workflow-durable-task-step prints the queue's reason once a node block has waited 15 s:
    // 'a' keeps the GPUs until then.
    r.waitForMessage("Still waiting to schedule task", run);

    r.waitForMessage(
        "Waiting for GPUs: the quota for team is 2 GPUs and 2 are in use; it needs 2 more", run);
    r.assertLogNotContains("b runs", run);
    SemaphoreStep.success("hold/1", null);
    r.assertBuildStatusSuccess(r.waitForCompletion(run));
    r.assertLogContains("b runs", run);
  }

  @Test
  public void shouldShowAMalformedRequestAsTheReason() throws Exception {
    WorkflowJob job = r.createProject(WorkflowJob.class, "bad");
    job.setDefinition(new CpsFlowDefinition("node('gpu:0') { echo 'never' }", true));

    WorkflowRun run = job.scheduleBuild2(0).waitForStart();

    r.waitForMessage("Cannot ask for GPUs: GPU request 'gpu:0'", run);
    Queue.getInstance().clear();
  }
}
