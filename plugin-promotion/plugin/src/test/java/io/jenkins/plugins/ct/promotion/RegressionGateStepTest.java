package io.jenkins.plugins.ct.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.Result;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class RegressionGateStepTest {
  @Rule public final JenkinsRule r = new JenkinsRule();

  @Test
  public void shouldJudgeOnTheAgentAndReturnTheVerdictAndTable() throws Exception {
    r.createOnlineSlave(Label.get("eval"));
    WorkflowJob job =
        Pipelines.job(
            r,
            "gate",
            "node('eval') {\n"
                + Pipelines.evaluation(true)
                + Pipelines.gate("")
                + "  echo \"first=${gate.table[0].label}:${gate.table[0].outcome}"
                + " passed=${gate.passed}\"\n"
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.SUCCESS);

    r.assertLogContains("gate=PASS rows=3", run);
    r.assertLogContains("first=accuracy:PASS passed=true", run);
    PromotionAction action = run.getAction(PromotionAction.class);
    assertThat(action.getVerdict()).isEqualTo("PASS");
    GateRecord gate = action.getGate(1);
    assertThat(gate.getSpec()).isEqualTo(RegressionGateStep.MAP_SPEC);
    assertThat(gate.getExamples()).isEqualTo(200);
    assertThat(gate.getKeyMetric()).isEqualTo("correct");
    assertThat(gate.getKeyCandidate()).isEqualTo(0.9);
    assertThat(gate.getRows())
        .extracting(GateRow::getLabel)
        .containsExactly("accuracy", "accuracy [source=clinic]", "accuracy [source=web]");
    assertThat(new File(run.getRootDir(), "ct-promotion/gate-1.json")).isFile();
    assertThat(new File(run.getRootDir(), "ct-promotion/gate-1.md")).isFile();
  }

  @Test
  public void shouldMarkTheBuildAsAskedAndLetThePipelineGoOnWhenTheGateFails() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "fail",
            "node {\n"
                + Pipelines.evaluation(false)
                + Pipelines.gate("failResult: 'UNSTABLE'")
                + "  echo 'after the gate'\n"
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.UNSTABLE);

    r.assertLogContains("gate=FAIL", run);
    r.assertLogContains("after the gate", run);
    r.assertLogContains("Build result set to UNSTABLE", run);
    assertThat(run.getAction(PromotionAction.class).getGate(1).getAppliedResult())
        .isEqualTo("UNSTABLE");
  }

  @Test
  public void shouldFailTheBuildByDefaultWhenTheGateFails() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "fail-default",
            "node {\n" + Pipelines.evaluation(false) + Pipelines.gate("") + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.FAILURE);

    r.assertLogContains("3 of 3 required checks failed", run);
  }

  @Test
  public void shouldNameTheMissingFileInsteadOfAStackTrace() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "missing",
            "node {\n"
                + "  writeFile file: 'gate.yaml', text: 'checks: [{metric: correct, floor: 0.7}]'\n"
                + "  regressionGate(candidate: 'eval/nothing.csv', baseline: 'eval/nothing.csv',"
                + " spec: 'gate.yaml')\n"
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.FAILURE);

    r.assertLogContains("candidate file not found: eval/nothing.csv", run);
    r.assertLogNotContains("\tat ", run);
  }

  @Test
  public void shouldNameTheBrokenFieldOfASpecGivenAsAMap() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "broken-spec",
            "node {\n"
                + Pipelines.evaluation(true)
                + "  regressionGate(candidate: 'eval/candidate.csv', baseline:"
                + " 'eval/production.csv',\n"
                + "                 spec: [checks: [[metric: 'correct', floor: 'high']]])\n"
                + "}\n");

    WorkflowRun run = Pipelines.run(r, job, Result.FAILURE);

    r.assertLogContains("checks[0].floor: must be a number", run);
  }

  @Test
  public void shouldKeepTheSummaryInTheBuildRecordAndReadTheTableFromItsFile() throws Exception {
    WorkflowJob job =
        Pipelines.job(
            r,
            "reload",
            "node {\n" + Pipelines.evaluation(true) + Pipelines.gate("name: 'phase'") + "}\n");
    WorkflowRun run = Pipelines.run(r, job, Result.SUCCESS);
    String buildXml = Files.readString(new File(run.getRootDir(), "build.xml").toPath());
    assertThat(buildXml).contains("<verdict>PASS</verdict>").doesNotContain("<reason>");

    r.jenkins.reload();

    WorkflowRun reloaded =
        r.jenkins.getItemByFullName("reload", WorkflowJob.class).getBuildByNumber(1);
    GateRecord gate = reloaded.getAction(PromotionAction.class).getGate(1);
    assertThat(gate.getName()).isEqualTo("phase");
    assertThat(gate.getRows()).hasSize(3);
    Files.delete(new File(reloaded.getRootDir(), "ct-promotion/gate-1.json").toPath());
    r.jenkins.reload();
    GateRecord withoutFile =
        r.jenkins
            .getItemByFullName("reload", WorkflowJob.class)
            .getBuildByNumber(1)
            .getAction(PromotionAction.class)
            .getGate(1);
    assertThat(withoutFile.getVerdict()).isEqualTo("PASS");
    assertThat(withoutFile.getRows()).isEmpty();
  }

  @Test
  public void shouldKeepItsOptionsThroughTheSnippetGenerator() throws Exception {
    RegressionGateStep step = new RegressionGateStep("eval/c.jsonl, eval/m.json", "eval/p.jsonl");
    step.setSpec("gate.yaml");
    step.setName("phase");
    step.setFailResult("UNSTABLE");
    step.setInconclusiveResult("FAILURE");

    RegressionGateStep back = new StepConfigTester(r).configRoundTrip(step);

    r.assertEqualDataBoundBeans(step, back);
    assertThat(Map.of("fail", back.getFailResult(), "inconclusive", back.getInconclusiveResult()))
        .containsEntry("fail", "UNSTABLE")
        .containsEntry("inconclusive", "FAILURE");
  }
}
