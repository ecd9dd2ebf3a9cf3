package io.jenkins.plugins.ct.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * sweepDecision and sweepTrial in a real Pipeline, laid out as the shared library's
 * hyperparameterSweep does (jenkins-scenarios/ct-tracking/sweep-* run the same on the harness).
 */
public class SweepStepsTest {
  @Rule public JenkinsRule r = new JenkinsRule();

  /**
   * A sweep over the learning rates {@code lrs} whose trials reach {@code finals} at the last of
   * {@code steps} steps (curves that do not cross); odd trials echo ##ct lines, even trials append
   * JSON lines to $CT_METRICS_FILE.
   */
  static String sweepScript(String name, String settings, int parallel, int steps) {
    return "def lrs = [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003]\n"
        + "def finals = [0.6, 0.8, 0.9, 0.7, 0.5, 0.4]\n"
        + "def sweep = sweepDecision(action: 'start', name: '"
        + name
        + "', settings: [space: [lr: [grid: lrs]], parallel: "
        + parallel
        + ", metric: 'val/acc', "
        + settings
        + "])\n"
        + "def workers = [failFast: false]\n"
        + "for (int w = 1; w <= (sweep.parallel as int); w++) {\n"
        + "  workers[\"worker ${w}\"] = {\n"
        + "    def trial = sweepDecision(action: 'next', sweep: sweep.id)\n"
        + "    while (trial != null) {\n"
        + "      def t = trial\n"
        + "      double q = 0\n"
        + "      for (int i = 0; i < lrs.size(); i++) {\n"
        + "        if ((lrs[i] as double) == (t.params.lr as double)) { q = finals[i] as double }\n"
        + "      }\n"
        + "      def outcome = sweepTrial(sweep: sweep.id, trial: t.number) {\n"
        + "        node {\n"
        + "          for (int step = 1; step <= "
        + steps
        + "; step++) {\n"
        + "            double acc = q * (0.5 + 0.5 * step / "
        + steps
        + ".0)\n"
        + "            if (t.number % 2 == 1) {\n"
        + "              echo \"##ct[metric key='val/acc' value='${acc}' step='${step}']\"\n"
        + "            } else {\n"
        + "              sh \"echo '{\\\"key\\\": \\\"val/acc\\\", \\\"value\\\": ${acc},"
        + " \\\"step\\\": ${step}}' >> \\\"\\$CT_METRICS_FILE\\\"\"\n"
        + "            }\n"
        + "            sleep time: 2, unit: 'SECONDS'\n"
        + "          }\n"
        + "        }\n"
        + "      }\n"
        + "      echo \"OUTCOME trial ${outcome.number} ${outcome.status}\"\n"
        + "      trial = sweepDecision(action: 'next', sweep: sweep.id)\n"
        + "    }\n"
        + "  }\n"
        + "}\n"
        + "parallel workers\n"
        + "def result = sweepDecision(action: 'finish', sweep: sweep.id)\n"
        + "echo \"BEST trial=${result.best.number} lr=${result.best.params.lr}\"\n";
  }

  private WorkflowJob job(String script) throws Exception {
    WorkflowJob p = r.createProject(WorkflowJob.class, "sweep");
    p.setDefinition(new CpsFlowDefinition(script, true));
    return p;
  }

  @Test
  public void shouldStopLosingTrialsAndRecordTheSweepOnTheBuild() throws Exception {
    WorkflowRun b =
        r.buildAndAssertSuccess(
            job(
                sweepScript(
                    "lr-grid",
                    "scheduler: 'asha', max_t: 9, grace_period: 1, reduction_factor: 3",
                    2,
                    9)));

    SweepAction action = SweepAction.of(b, "lr-grid");
    assertThat(action).isNotNull();
    assertThat(action.getStatus()).isEqualTo("finished");
    assertThat(action.getTrials()).hasSize(6);
    assertThat(action.getBest().getNumber()).isEqualTo(3);
    assertThat(action.getBest().getParams()).containsEntry("lr", 0.01);
    for (int n = 4; n <= 6; n++) {
      SweepTrialRow row = action.getTrials().get(n - 1);
      assertThat(row.getStatus()).isEqualTo("stopped");
      assertThat(row.getReason()).contains("below rung-1 cutoff");
    }
    assertThat(action.getTrials().get(1).getReports()).isEqualTo(9); // from $CT_METRICS_FILE
    r.assertLogContains("Sweep lr-grid: trial 5 stopped at step 1", b);
    r.assertLogContains("OUTCOME trial 5 stopped", b);
    r.assertLogContains("BEST trial=3 lr=0.01", b);

    JSONObject json = r.getJSON(b.getUrl() + "sweep-lr-grid/api/json?depth=1").getJSONObject();
    assertThat(json.getString("scheduler")).isEqualTo("asha");
    JSONArray trials = json.getJSONArray("trials");
    // JSONArray is both a List and a Comparable: the cast picks AssertJ's Iterable assertions.
    assertThat((Iterable<?>) trials).hasSize(6);
    assertThat(json.getJSONObject("best").getInt("number")).isEqualTo(3);
    assertThat(json.getJSONObject("compute").getDouble("saved")).isGreaterThan(0.4);

    JenkinsRule.WebClient wc = r.createWebClient();
    assertThat(wc.getPage(b).asNormalizedText()).contains("Sweep lr-grid");
    assertThat(wc.getPage(b, "sweep-lr-grid/").asNormalizedText())
        .contains("Best configuration")
        .contains("below rung-1 cutoff");
  }

  @Test
  public void shouldFailOnAMisspeltSettingBeforeAnyTrialRuns() throws Exception {
    WorkflowJob p =
        job(
            "sweepDecision(action: 'start', settings: [space: [lr: [0.1, 0.01]], trails: 3,"
                + " metric: 'val/acc'])\n"
                + "echo 'not reached'");

    WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

    r.assertLogContains("Sweep settings: trails: unknown sweep setting", b);
    r.assertLogNotContains("not reached", b);
    assertThat(b.getActions(SweepAction.class)).isEmpty();
  }

  @Test
  public void shouldRecordAFailedTrialAndGoOnWithTheOthers() throws Exception {
    WorkflowRun b =
        r.buildAndAssertSuccess(
            job(
                "def sweep = sweepDecision(action: 'start', name: 'fails', settings: [space: [lr:"
                    + " [grid: [0.1, 0.01]]], metric: 'val/acc', scheduler: 'fifo'])\n"
                    + "def trial = sweepDecision(action: 'next', sweep: sweep.id)\n"
                    + "while (trial != null) {\n"
                    + "  def t = trial\n"
                    + "  def outcome = sweepTrial(sweep: sweep.id, trial: t.number) {\n"
                    + "    echo \"##ct[metric key='val/acc' value='0.${t.number}' step='1']\"\n"
                    + "    if (t.number == 1) { error 'out of memory' }\n"
                    + "  }\n"
                    + "  echo \"OUTCOME ${outcome.number} ${outcome.status}: ${outcome.reason}\"\n"
                    + "  trial = sweepDecision(action: 'next', sweep: sweep.id)\n"
                    + "}\n"
                    + "echo sweepDecision(action: 'finish', sweep: sweep.id).summary\n"));

    r.assertLogContains("OUTCOME 1 failed: failed: out of memory", b);
    r.assertLogContains("OUTCOME 2 completed", b);
    SweepAction action = SweepAction.of(b, "fails");
    assertThat(action.getBest().getNumber()).isEqualTo(2);
    assertThat(action.getTrials().get(0).getStatus()).isEqualTo("failed");
  }

  @Test
  public void shouldRefuseATrialThatWasNotHandedOut() throws Exception {
    WorkflowRun b =
        r.buildAndAssertStatus(
            Result.FAILURE,
            job(
                "def sweep = sweepDecision(action: 'start', name: 'x', settings: [space: [lr:"
                    + " [0.1]], metric: 'val/acc'])\n"
                    + "sweepTrial(sweep: sweep.id, trial: 1) { echo 'not reached' }\n"));

    r.assertLogContains("Sweep 'x' has no trial 1 yet", b);
    r.assertLogNotContains("not reached", b);
  }
}
