package io.jenkins.plugins.ct.datasets;

import hudson.model.Cause;
import org.kohsuke.stapler.export.Exported;

/** Why a dataset trigger started a build, in one line: the change policy's reason. */
public class DatasetChangeCause extends Cause {
  private final String dataset;
  private final String version;
  private final String reason;

  public DatasetChangeCause(String dataset, String version, String reason) {
    this.dataset = dataset;
    this.version = version;
    this.reason = reason;
  }

  @Exported(visibility = 3)
  public String getDataset() {
    return dataset;
  }

  @Exported(visibility = 3)
  public String getVersion() {
    return version;
  }

  @Exported(visibility = 3)
  public String getReason() {
    return reason;
  }

  @Override
  public String getShortDescription() {
    return "Started by a dataset change: " + reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetChangeCause c
        && java.util.Objects.equals(dataset, c.dataset)
        && java.util.Objects.equals(version, c.version);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(dataset, version);
  }
}
