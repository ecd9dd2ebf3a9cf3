package io.ctsuite.cli.demo;

import java.util.Map;

/**
 * The knobs of one demo run.
 *
 * @param clips clips per hospital
 * @param epochs training epochs per model
 * @param seed data and training seed
 * @param gitlabUrl GITLAB_URL, or null for a dry run
 * @param gitlabToken GITLAB_TOKEN, or null for a dry run
 * @param gitlabProject the deployment project for a real merge request
 * @param gitlabFile the deployment config's path in that project
 */
public record DemoSettings(
    int clips,
    int epochs,
    int seed,
    String gitlabUrl,
    String gitlabToken,
    String gitlabProject,
    String gitlabFile) {

  public static final String DATASET = "phase-videos";
  public static final String FAMILY = "phase-recognition";
  public static final String MODEL_KEY = "models.phase-recognition";

  /** Retrain when the data doubled or a hospital appeared: a new hospital is what matters here. */
  public static final String POLICY = "growth>=2, new-source";

  public DemoSettings {
    if (clips < 20) {
      throw new DemoException("--clips must be at least 20, so that every split has clips");
    }
    if (epochs < 1) {
      throw new DemoException("--epochs must be at least 1");
    }
  }

  /** Settings with GitLab taken from the environment. */
  public static DemoSettings of(
      int clips, int epochs, int seed, String project, String file, Map<String, String> env) {
    return new DemoSettings(
        clips,
        epochs,
        seed,
        blankToNull(env.get("GITLAB_URL")),
        blankToNull(env.get("GITLAB_TOKEN")),
        project,
        file);
  }

  /** Whether promotion talks to a real GitLab. */
  public boolean realGitLab() {
    return gitlabUrl != null && gitlabToken != null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    // the token never appears in output
    return "DemoSettings[clips=" + clips + ", epochs=" + epochs + ", seed=" + seed + "]";
  }
}
