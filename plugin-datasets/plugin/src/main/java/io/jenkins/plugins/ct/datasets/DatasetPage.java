package io.jenkins.plugins.ct.datasets;

import hudson.model.Api;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.VersionInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** A dataset's versions, newest first ({@code /ct-datasets/dataset/NAME/}). */
@ExportedBean(defaultVisibility = 2)
public class DatasetPage {
  private final String name;

  DatasetPage(String name) {
    this.name = name;
  }

  @Exported
  public String getName() {
    return name;
  }

  public Api getApi() {
    return new Api(this);
  }

  @Exported(inline = true)
  public List<VersionRow> getVersions() throws hudson.AbortException {
    List<VersionRow> rows = new ArrayList<>();
    try (DatasetRegistry registry = DatasetsRootAction.open()) {
      for (VersionInfo v : registry.log(name)) {
        rows.add(new VersionRow(v));
      }
    }
    Collections.reverse(rows);
    return rows;
  }

  /** {@code vN}, {@code latest} or an id: the version's page. */
  public Object getDynamic(String version, StaplerRequest2 req, StaplerResponse2 rsp) {
    Jenkins.get().checkPermission(Jenkins.READ);
    try (DatasetRegistry registry = DatasetsRootAction.open()) {
      return new VersionPage(name, registry.resolve(name, version));
    } catch (InputException | hudson.AbortException e) {
      return null;
    }
  }

  /** One version in the list (plain getters for the page and the JSON API). */
  @ExportedBean(defaultVisibility = 2)
  public static final class VersionRow {
    private final VersionInfo v;

    VersionRow(VersionInfo v) {
      this.v = v;
    }

    @Exported
    public String getVersion() {
      return v.label();
    }

    @Exported
    public String getId() {
      return v.id();
    }

    public String getShortId() {
      return v.shortId();
    }

    @Exported
    public String getCreated() {
      return v.created();
    }

    @Exported
    public String getCreator() {
      return v.creator();
    }

    @Exported
    public String getKind() {
      return v.kind();
    }

    @Exported
    public String getSource() {
      return v.source();
    }

    @Exported
    public String getNote() {
      return v.note();
    }

    @Exported
    public long getFiles() {
      return v.files();
    }

    @Exported
    public long getBytes() {
      return v.bytes();
    }

    public String getBytesText() {
      return io.ctsuite.datasets.policy.Amounts.bytes(v.bytes());
    }
  }
}
