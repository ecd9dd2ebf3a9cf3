package io.jenkins.plugins.ct.promotion;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** Pipeline snippets the step tests share: evaluation files with a known verdict, and runs. */
final class Pipelines {
  private Pipelines() {}

  /**
   * Writes per-example results of 200 paired examples: the candidate right on 90% (or, for a
   * failing candidate, 60%), production on 80%.
   */
  static String evaluation(boolean candidatePasses) {
    String candidateRight = candidatePasses ? "i % 10 != 0" : "i % 10 < 6";
    return "  def cand = new StringBuilder('id,source,correct\\n')\n"
        + "  def base = new StringBuilder('id,source,correct\\n')\n"
        + "  for (int i = 0; i < 200; i++) {\n"
        + "    String source = i % 2 == 0 ? 'web' : 'clinic'\n"
        + "    cand.append(\"q${i},${source},${"
        + candidateRight
        + " ? 1 : 0}\\n\")\n"
        + "    base.append(\"q${i},${source},${i % 10 != 0 && i % 10 != 5 ? 1 : 0}\\n\")\n"
        + "  }\n"
        + "  writeFile file: 'eval/candidate.csv', text: cand.toString()\n"
        + "  writeFile file: 'eval/production.csv', text: base.toString()\n";
  }

  /** The gate on those files: accuracy floor 0.7, at most 0.02 worse than production. */
  static String gate(String options) {
    return "  def gate = regressionGate(candidate: 'eval/candidate.csv', baseline:"
        + " 'eval/production.csv',\n"
        + "      spec: [checks: [[metric: 'correct', name: 'accuracy', floor: 0.7,"
        + " maxRegression: 0.02,\n"
        + "                       slices: [by: 'source', minExamples: 20]]]]"
        + (options.isEmpty() ? "" : ", " + options)
        + ")\n"
        + "  echo \"gate=${gate.verdict} rows=${gate.table.size()}\"\n";
  }

  static WorkflowJob job(JenkinsRule r, String name, String script) throws Exception {
    WorkflowJob job = r.createProject(WorkflowJob.class, name);
    job.setDefinition(new CpsFlowDefinition(script, true));
    return job;
  }

  static WorkflowRun run(JenkinsRule r, WorkflowJob job, Result expected) throws Exception {
    return r.assertBuildStatus(expected, job.scheduleBuild2(0));
  }
}
