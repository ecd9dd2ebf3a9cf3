package io.jenkins.plugins.ct.datasets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Api;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.policy.Amounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One version ({@code /ct-datasets/dataset/NAME/vN/}): its record, counts per label and source, and
 * the change since the version before it.
 */
@ExportedBean(defaultVisibility = 2)
public class VersionPage {
  private final String dataset;
  private final VersionInfo version;
  private transient DatasetStats stats;
  private transient ChangeSummary change;
  private transient boolean loaded;

  VersionPage(String dataset, VersionInfo version) {
    this.dataset = dataset;
    this.version = version;
  }

  public Api getApi() {
    return new Api(this);
  }

  @Exported
  public String getDataset() {
    return dataset;
  }

  @Exported(inline = true)
  public DatasetPage.VersionRow getVersion() {
    return new DatasetPage.VersionRow(version);
  }

  @Exported
  public Map<String, String> getDerivation() {
    return version.derivation();
  }

  private synchronized void load() throws hudson.AbortException {
    if (loaded) {
      return;
    }
    Jenkins.get().checkPermission(Jenkins.READ);
    try (DatasetRegistry registry = DatasetsRootAction.open()) {
      Manifest manifest = registry.manifest(version);
      LabelAliases aliases = registry.aliases(dataset);
      stats = DatasetStats.of(manifest, aliases);
      if (version.parent() != null) {
        VersionInfo parent = null;
        for (VersionInfo v : registry.log(dataset)) {
          if (v.id().equals(version.parent())) {
            parent = v;
          }
        }
        if (parent != null) {
          change =
              ChangeSummary.of(
                  ManifestDiff.between(registry.manifest(parent), manifest)
                      .summarize(dataset, parent.label(), version.label(), aliases));
        }
      }
    }
    loaded = true;
  }

  /** Per label: name, files, bytes. */
  public List<String[]> getLabelRows() throws hudson.AbortException {
    load();
    return rows(stats.byLabel());
  }

  /** Per source: name, files, bytes. */
  public List<String[]> getSourceRows() throws hudson.AbortException {
    load();
    return rows(stats.bySource());
  }

  private static List<String[]> rows(Map<String, DatasetStats.Group> groups) {
    List<String[]> rows = new ArrayList<>();
    groups.forEach(
        (name, g) ->
            rows.add(new String[] {name, Amounts.count(g.files()), Amounts.bytes(g.bytes())}));
    return rows;
  }

  @CheckForNull
  @Exported(inline = true)
  public ChangeSummary getChange() throws hudson.AbortException {
    load();
    return change;
  }

  @Exported
  public long getUnlabelled() throws hudson.AbortException {
    load();
    return stats.unlabelled();
  }

  /** Chart data like a build's: files per label and per source. */
  public HttpResponse doStats() throws hudson.AbortException {
    load();
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("dataset", dataset);
    doc.put("version", version.label());
    doc.set("byLabel", groups(stats.byLabel()));
    doc.set("bySource", groups(stats.bySource()));
    return new JsonResponse(doc.toString());
  }

  private static ArrayNode groups(Map<String, DatasetStats.Group> groups) {
    ArrayNode list = Json.mapper().createArrayNode();
    groups.forEach(
        (name, g) -> {
          ObjectNode n = list.addObject();
          n.put("name", name);
          n.put("files", g.files());
          n.put("bytes", g.bytes());
        });
    return list;
  }
}
