package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

public class WithGpusStepTest {
  @Rule public JenkinsSessionRule sessions = new JenkinsSessionRule();
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private void makeGpuMachine(JenkinsRule r, int gpus) throws Exception {
    GpuSlotsNodeProperty slots = new GpuSlotsNodeProperty(gpus);
    slots.setStateDir(tmp.getRoot().toPath().resolve("slots").toString());
    slots.setNvidiaSmi(tmp.getRoot().toPath().resolve("no-nvidia-smi").toString());
    slots.setGpuType("a100");
    r.jenkins.getNodeProperties().replace(slots);
    r.jenkins.setNumExecutors(4);
    WithGpusStep.Execution.pollSeconds = 1;
  }

  @Test
  public void shouldGiveParallelBranchesDisjointGpus() throws Throwable {
    sessions.then(
        r -> {
          makeGpuMachine(r, 4);
          WorkflowJob job = r.createProject(WorkflowJob.class, "parallel");
          job.setDefinition(
              new CpsFlowDefinition(
                  "parallel a: { node { withGpus(2) { echo \"a=${env.CUDA_VISIBLE_DEVICES}\"; sleep"
                      + " 3 } } }, b: { node { withGpus(2) { echo"
                      + " \"b=${env.CUDA_VISIBLE_DEVICES}\"; sleep 3 } } }",
                  true));

          WorkflowRun run = r.buildAndAssertSuccess(job);

          String log = JenkinsRule.getLog(run);
          String a = find(log, "a=([0-9,]+)");
          String b = find(log, "b=([0-9,]+)");
          assertThat(a.split(","))
              .hasSize(2)
              .doesNotContainAnyElementsOf(java.util.List.of(b.split(",")));
          assertThat(run.getAction(GpuUsageAction.class).getGpus()).isEqualTo(4.0);
        });
  }

  @Test
  public void shouldWaitWhileTooFewAreFreeAndNotFail() throws Throwable {
    sessions.then(
        r -> {
          makeGpuMachine(r, 2);
          WorkflowJob job = r.createProject(WorkflowJob.class, "wait");
          job.setDefinition(
              new CpsFlowDefinition(
                  "parallel hold: { node { withGpus(2) { sleep 5 } } }, late: { sleep 1; node {"
                      + " withGpus(1) { echo \"late=${env.CUDA_VISIBLE_DEVICES}\" } } }",
                  true));

          WorkflowRun run = r.buildAndAssertSuccess(job);

          r.assertLogContains(
              "Waiting for 1 GPU on the built-in node: needs 1 GPU but none of 2 are free", run);
          r.assertLogContains("late=", run);
        });
  }

  @Test
  public void shouldRefuseMoreGpusThanTheMachineHas() throws Throwable {
    sessions.then(
        r -> {
          makeGpuMachine(r, 2);
          WorkflowJob job = r.createProject(WorkflowJob.class, "never");
          job.setDefinition(new CpsFlowDefinition("node { withGpus(3) { echo 'never' } }", true));

          WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

          r.assertLogContains("this machine has 2 GPUs; 3 can never be granted", run);
          r.assertLogNotContains("[Pipeline] echo", run);
        });
  }

  @Test
  public void shouldReleaseTheGpusOfAnAbortedBody() throws Throwable {
    sessions.then(
        r -> {
          makeGpuMachine(r, 2);
          WorkflowJob job = r.createProject(WorkflowJob.class, "abort");
          job.setDefinition(
              new CpsFlowDefinition("node { withGpus(2) { echo 'holding'; sleep 600 } }", true));
          WorkflowRun run = job.scheduleBuild2(0).waitForStart();
          r.waitForMessage("holding", run);

          run.doStop();
          r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));

          r.assertLogContains("Released GPUs 0,1 of the built-in node", run);
          WorkflowJob next = r.createProject(WorkflowJob.class, "next");
          next.setDefinition(
              new CpsFlowDefinition(
                  "node { withGpus(2) { echo \"again=${env.CUDA_VISIBLE_DEVICES}\" } }", true));
          r.assertLogContains("again=0,1", r.buildAndAssertSuccess(next));
        });
  }

  @Test
  public void shouldKeepTheLeaseAcrossARestart() throws Throwable {
    String[] devices = new String[1];
    sessions.then(
        r -> {
          makeGpuMachine(r, 4);
          WorkflowJob job = r.createProject(WorkflowJob.class, "restart");
          job.setDefinition(
              new CpsFlowDefinition(
                  "node { withGpus(2) { echo \"got=${env.CUDA_VISIBLE_DEVICES}\"; semaphore 'wait'"
                      + " ; echo \"still=${env.CUDA_VISIBLE_DEVICES}\" } }",
                  true));
          WorkflowRun run = job.scheduleBuild2(0).waitForStart();
          r.waitForMessage("got=", run);
          devices[0] = find(JenkinsRule.getLog(run), "got=([0-9,]+)");
        });
    sessions.then(
        r -> {
          WithGpusStep.Execution.pollSeconds = 1;
          WorkflowJob job = r.jenkins.getItemByFullName("restart", WorkflowJob.class);
          WorkflowRun run = job.getBuildByNumber(1);
          org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep.success("wait/1", null);
          r.assertBuildStatusSuccess(r.waitForCompletion(run));
          r.assertLogContains("still=" + devices[0], run);
          r.assertLogContains("Released GPUs " + devices[0], run);
        });
  }

  @Test
  public void shouldExplainANodeWithoutGpuSlots() throws Throwable {
    sessions.then(
        r -> {
          WorkflowJob job = r.createProject(WorkflowJob.class, "noslots");
          job.setDefinition(new CpsFlowDefinition("node { withGpus(1) { echo 'x' } }", true));

          WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

          r.assertLogContains("has no GPU slots; add the 'GPU slots' property", run);
        });
  }

  private static String find(String log, String regex) {
    Matcher m = Pattern.compile(regex).matcher(log);
    assertThat(m.find()).as("%s in the log", regex).isTrue();
    return m.group(1);
  }
}
