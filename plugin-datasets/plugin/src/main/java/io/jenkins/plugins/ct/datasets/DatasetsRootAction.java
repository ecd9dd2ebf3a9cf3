package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Api;
import hudson.model.RootAction;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.policy.Amounts;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Browses the configured registry ({@code /ct-datasets/}): its datasets, each dataset's versions
 * ({@code /ct-datasets/dataset/NAME/}) and a version's counts per label and source and its change
 * since the version before ({@code /ct-datasets/dataset/NAME/vN/}). Needs Overall/Read; the
 * registry is read by the controller.
 */
@Extension
@ExportedBean(defaultVisibility = 2)
public class DatasetsRootAction implements RootAction {
  private static final Logger LOGGER = Logger.getLogger(DatasetsRootAction.class.getName());

  @Override
  public String getIconFileName() {
    return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-server" : null;
  }

  @Override
  public String getDisplayName() {
    return "Datasets";
  }

  @Override
  public String getUrlName() {
    return "ct-datasets";
  }

  public Api getApi() {
    Jenkins.get().checkPermission(Jenkins.READ);
    return new Api(this);
  }

  @Exported
  public String getRegistry() {
    Jenkins.get().checkPermission(Jenkins.READ);
    return Registries.location(null);
  }

  /** Why the registry cannot be read, or null. */
  @CheckForNull
  public String getProblem() {
    try (DatasetRegistry ignored = open()) {
      return null;
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  static DatasetRegistry open() throws hudson.AbortException {
    Jenkins.get().checkPermission(Jenkins.READ);
    return Registries.forController(null).open(null);
  }

  /** The datasets with their latest version, by name. */
  @Exported(inline = true)
  public List<DatasetSummary> getDatasets() {
    List<DatasetSummary> list = new ArrayList<>();
    try (DatasetRegistry registry = open()) {
      for (String name : registry.datasets()) {
        List<VersionInfo> log = registry.log(name);
        list.add(
            new DatasetSummary(name, log.size(), log.isEmpty() ? null : log.get(log.size() - 1)));
      }
    } catch (Exception e) {
      LOGGER.log(Level.FINE, "cannot list the dataset registry", e);
    }
    return list;
  }

  /** {@code /ct-datasets/dataset/NAME/}. */
  public DatasetPage getDataset(String name) {
    Jenkins.get().checkPermission(Jenkins.READ);
    try {
      DatasetRegistry.checkName(name);
    } catch (InputException e) {
      return null;
    }
    return new DatasetPage(name);
  }

  /** A dataset in the list. */
  @ExportedBean(defaultVisibility = 2)
  public static final class DatasetSummary {
    private final String name;
    private final int versions;
    private final VersionInfo latest;

    DatasetSummary(String name, int versions, VersionInfo latest) {
      this.name = name;
      this.versions = versions;
      this.latest = latest;
    }

    @Exported
    public String getName() {
      return name;
    }

    @Exported
    public int getVersions() {
      return versions;
    }

    @Exported
    public String getLatest() {
      return latest == null ? null : latest.label();
    }

    @Exported
    public String getLatestId() {
      return latest == null ? null : latest.id();
    }

    @Exported
    public long getFiles() {
      return latest == null ? 0 : latest.files();
    }

    @Exported
    public long getBytes() {
      return latest == null ? 0 : latest.bytes();
    }

    public String getBytesText() {
      return Amounts.bytes(getBytes());
    }

    public String getCreated() {
      return latest == null ? "" : latest.created();
    }
  }
}
