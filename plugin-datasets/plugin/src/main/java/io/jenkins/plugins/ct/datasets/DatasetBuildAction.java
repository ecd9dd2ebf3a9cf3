package io.jenkins.plugins.ct.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.ops.DatasetStats;
import java.io.File;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The dataset versions a build snapshotted, used, compared or derived ({@code …/datasets}, JSON at
 * {@code …/datasets/api/json}). build.xml keeps only the summaries; the per-label and per-source
 * counts of each version are in {@code ct-datasets/stats-N.json} in the build directory, read when
 * a page asks for them and then held only weakly.
 */
@ExportedBean(defaultVisibility = 2)
public final class DatasetBuildAction implements RunAction2 {
  private static final Logger LOGGER = Logger.getLogger(DatasetBuildAction.class.getName());

  private final List<DatasetRecord> records = new ArrayList<>();
  private transient Run<?, ?> owner;
  private transient Map<String, WeakReference<JsonNode>> statsCache;

  /** Adds a record (and its counts) to the build's action, creating the action when needed. */
  static DatasetRecord record(Run<?, ?> run, DatasetRecord record, @CheckForNull DatasetStats stats)
      throws IOException {
    DatasetBuildAction action;
    synchronized (run) {
      action = run.getAction(DatasetBuildAction.class);
      if (action == null) {
        action = new DatasetBuildAction();
        run.addAction(action);
      }
    }
    synchronized (action) {
      if (stats != null) {
        String name = "stats-" + (action.records.size() + 1) + ".json";
        File file = new File(run.getRootDir(), "ct-datasets/" + name);
        AtomicFiles.write(file.toPath(), Json.mapper().writeValueAsBytes(stats));
        record.setStatsFile(name);
        record.setGroups(stats.bySource().size(), stats.byLabel().size());
      }
      action.records.add(record);
    }
    run.save();
    return record;
  }

  @Override
  public void onAttached(Run<?, ?> r) {
    owner = r;
  }

  @Override
  public void onLoad(Run<?, ?> r) {
    owner = r;
  }

  public Run<?, ?> getOwner() {
    return owner;
  }

  @Override
  public String getIconFileName() {
    return "symbol-server";
  }

  @Override
  public String getDisplayName() {
    return "Datasets";
  }

  @Override
  public String getUrlName() {
    return "datasets";
  }

  public Api getApi() {
    return new Api(this);
  }

  @Exported(inline = true)
  public synchronized List<DatasetRecord> getRecords() {
    return new ArrayList<>(records);
  }

  /** The versions the build consumed (useDataset), one per dataset, the last one winning. */
  public List<DatasetRecord> getConsumed() {
    Map<String, DatasetRecord> last = new java.util.LinkedHashMap<>();
    for (DatasetRecord r : getRecords()) {
      if (r.isConsumed()) {
        last.put(r.getDataset(), r);
      }
    }
    return new ArrayList<>(last.values());
  }

  /** The version of {@code dataset} the build consumed last, or null. */
  @CheckForNull
  DatasetRecord consumed(String dataset) {
    DatasetRecord found = null;
    for (DatasetRecord r : getRecords()) {
      if (r.isConsumed() && r.getDataset().equals(dataset)) {
        found = r;
      }
    }
    return found;
  }

  /** The latest version of {@code dataset} this build snapshotted or used, or null. */
  @CheckForNull
  DatasetRecord latest(String dataset) {
    DatasetRecord found = null;
    for (DatasetRecord r : getRecords()) {
      if ((r.isConsumed() || r.getKind() == DatasetRecord.Kind.SNAPSHOT)
          && r.getDataset().equals(dataset)) {
        found = r;
      }
    }
    return found;
  }

  /** The per-label and per-source counts of record {@code index} (from 0), or null. */
  @CheckForNull
  JsonNode stats(int index) {
    List<DatasetRecord> all = getRecords();
    if (index < 0 || index >= all.size() || all.get(index).getStatsFile() == null) {
      return null;
    }
    String name = all.get(index).getStatsFile();
    synchronized (this) {
      if (statsCache == null) {
        statsCache = new HashMap<>();
      }
      WeakReference<JsonNode> ref = statsCache.get(name);
      JsonNode cached = ref == null ? null : ref.get();
      if (cached != null) {
        return cached;
      }
    }
    File file = new File(owner.getRootDir(), "ct-datasets/" + name);
    try {
      JsonNode node = Json.mapper().readTree(file);
      synchronized (this) {
        statsCache.put(name, new WeakReference<>(node));
      }
      return node;
    } catch (IOException e) {
      LOGGER.log(Level.FINE, "cannot read " + file, e);
      return null;
    }
  }

  /** Chart data of record {@code record}: files per label and per source. */
  public HttpResponse doStats(@QueryParameter int record) {
    owner.checkPermission(Item.READ);
    JsonNode stats = stats(record);
    if (stats == null) {
      return HttpResponses.notFound();
    }
    DatasetRecord r = getRecords().get(record);
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("dataset", r.getDataset());
    doc.put("version", r.getVersion());
    doc.set("byLabel", groups(stats.path("byLabel")));
    doc.set("bySource", groups(stats.path("bySource")));
    doc.put("unlabelled", stats.path("unlabelled").asLong());
    return new JsonResponse(doc.toString());
  }

  static ArrayNode groups(JsonNode byGroup) {
    ArrayNode list = Json.mapper().createArrayNode();
    byGroup
        .fields()
        .forEachRemaining(
            e -> {
              ObjectNode g = list.addObject();
              g.put("name", e.getKey());
              g.put("files", e.getValue().path("files").asLong());
              g.put("bytes", e.getValue().path("bytes").asLong());
            });
    return list;
  }

  /** Label names of record {@code index} with their counts, for the page's table. */
  public List<String[]> labelRows(int index) {
    List<String[]> rows = new ArrayList<>();
    JsonNode stats = stats(index);
    if (stats != null) {
      stats
          .path("byLabel")
          .fields()
          .forEachRemaining(
              e ->
                  rows.add(
                      new String[] {
                        e.getKey(),
                        io.ctsuite.datasets.policy.Amounts.count(
                            e.getValue().path("files").asLong())
                      }));
    }
    return rows;
  }
}
