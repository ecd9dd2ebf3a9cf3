package io.jenkins.plugins.ct.tracking.sweep;

import hudson.EnvVars;
import java.util.Map;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The environment of a trial's body: the model's trial variables ({@code CT_PARAM_<NAME>}, {@code
 * CT_PARAMS}, {@code CT_SWEEP}, {@code CT_TRIAL}) and, wherever the body has a workspace, {@code
 * CT_METRICS_FILE}: a file in that workspace's temporary directory ({@code WORKSPACE_TMP}), which
 * the sweep reads through the node's channel. The body picks its node after the trial starts (its
 * own {@code node} or {@code gpuNode}), so the file's path is worked out per step from the
 * environment that step sees.
 */
final class TrialEnvironment extends EnvironmentExpander {
  private static final long serialVersionUID = 1L;

  private final TreeMap<String, String> variables;
  private final String metricsFileName;

  TrialEnvironment(Map<String, String> variables, String metricsFileName) {
    this.variables = new TreeMap<>(variables);
    this.metricsFileName = metricsFileName;
  }

  /** The metrics file's name in {@code WORKSPACE_TMP}: unique per build, sweep and trial. */
  static String metricsFileName(int build, String sweep, int trial) {
    return "ct-sweep-b" + build + "-" + sweep + "-t" + trial + ".jsonl";
  }

  @Override
  public void expand(EnvVars env) {
    env.overrideAll(variables);
    String tmp = env.get("WORKSPACE_TMP");
    if (tmp != null && !tmp.isEmpty()) {
      String separator = tmp.indexOf('\\') >= 0 && tmp.indexOf('/') < 0 ? "\\" : "/";
      env.override("CT_METRICS_FILE", tmp + separator + metricsFileName);
    }
  }
}
