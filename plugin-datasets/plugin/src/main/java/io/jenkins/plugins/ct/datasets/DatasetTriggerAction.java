package io.jenkins.plugins.ct.datasets;

import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Queue;
import hudson.model.Run;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What the dataset trigger hands to the build it starts, as environment variables for Pipeline and
 * Freestyle alike: {@code CT_DATASET}, {@code CT_DATASET_VERSION} (the id), {@code
 * CT_DATASET_PREVIOUS} (the id of the version the job consumed before, empty for the first), {@code
 * CT_TRIGGER_REASON}, and {@code CT_DATASET_VERSION_LABEL} and {@code CT_DATASET_REGISTRY}. Builds
 * for different versions are never folded into one queue item.
 */
@ExportedBean(defaultVisibility = 2)
public class DatasetTriggerAction implements EnvironmentContributingAction, Queue.QueueAction {
  private final String dataset;
  private final String versionId;
  private final String versionLabel;
  private final String previousId;
  private final String previousLabel;
  private final String reason;
  private final String registry;

  public DatasetTriggerAction(
      String dataset,
      String versionId,
      String versionLabel,
      String previousId,
      String previousLabel,
      String reason,
      String registry) {
    this.dataset = dataset;
    this.versionId = versionId;
    this.versionLabel = versionLabel;
    this.previousId = previousId;
    this.previousLabel = previousLabel;
    this.reason = reason;
    this.registry = registry;
  }

  @Exported
  public String getDataset() {
    return dataset;
  }

  @Exported
  public String getVersionId() {
    return versionId;
  }

  @Exported
  public String getVersionLabel() {
    return versionLabel;
  }

  @Exported
  public String getPreviousId() {
    return previousId;
  }

  @Exported
  public String getPreviousLabel() {
    return previousLabel;
  }

  @Exported
  public String getReason() {
    return reason;
  }

  @Exported
  public String getRegistry() {
    return registry;
  }

  @Override
  public void buildEnvironment(Run<?, ?> run, EnvVars env) {
    env.put("CT_DATASET", dataset);
    env.put("CT_DATASET_VERSION", versionId);
    env.put("CT_DATASET_VERSION_LABEL", versionLabel);
    env.put("CT_DATASET_PREVIOUS", previousId == null ? "" : previousId);
    env.put("CT_TRIGGER_REASON", reason);
    if (registry != null) {
      env.put("CT_DATASET_REGISTRY", registry);
    }
  }

  @Override
  public boolean shouldSchedule(List<Action> actions) {
    for (Action a : actions) {
      if (a instanceof DatasetTriggerAction other
          && dataset.equals(other.dataset)
          && versionId.equals(other.versionId)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String getIconFileName() {
    return null;
  }

  @Override
  public String getDisplayName() {
    return "Dataset trigger";
  }

  @Override
  public String getUrlName() {
    return null;
  }
}
