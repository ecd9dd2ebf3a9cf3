package io.jenkins.plugins.ct.datasets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.ctsuite.core.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.HttpResponse;

/**
 * The job's dataset page ({@code …/datasets}) and the trend on the job page: per build the dataset
 * versions it consumed (or, when it used none, snapshotted), with files, bytes and sources.
 */
public class DatasetJobAction implements Action {
  static final int BUILDS = 50;

  private final Job<?, ?> job;

  DatasetJobAction(Job<?, ?> job) {
    this.job = job;
  }

  public Job<?, ?> getOwner() {
    return job;
  }

  @Override
  public String getIconFileName() {
    return "symbol-analytics";
  }

  @Override
  public String getDisplayName() {
    return "Dataset versions";
  }

  @Override
  public String getUrlName() {
    return "datasets";
  }

  /** One row per build and dataset, oldest build first. */
  public List<Row> getRows() {
    job.checkPermission(Item.READ);
    List<Row> rows = new ArrayList<>();
    int looked = 0;
    for (Run<?, ?> r = job.getLastBuild();
        r != null && looked < BUILDS;
        r = r.getPreviousBuild(), looked++) {
      DatasetBuildAction action = r.getAction(DatasetBuildAction.class);
      if (action == null) {
        continue;
      }
      Map<String, DatasetRecord> chosen = new LinkedHashMap<>();
      for (DatasetRecord rec : action.getRecords()) {
        if (rec.isConsumed()) {
          chosen.put(rec.getDataset(), rec);
        }
      }
      if (chosen.isEmpty()) {
        for (DatasetRecord rec : action.getRecords()) {
          if (rec.getKind() == DatasetRecord.Kind.SNAPSHOT) {
            chosen.put(rec.getDataset(), rec);
          }
        }
      }
      List<Row> ofBuild = new ArrayList<>();
      for (DatasetRecord rec : chosen.values()) {
        ofBuild.add(new Row(r.getNumber(), rec));
      }
      Collections.reverse(ofBuild);
      rows.addAll(ofBuild);
    }
    Collections.reverse(rows);
    return rows;
  }

  /** A build's version of one dataset. */
  public static final class Row {
    private final int build;
    private final DatasetRecord record;

    Row(int build, DatasetRecord record) {
      this.build = build;
      this.record = record;
    }

    public int getBuild() {
      return build;
    }

    public DatasetRecord getRecord() {
      return record;
    }
  }

  /** The trend as JSON: builds, and per dataset files, megabytes and sources per build. */
  public HttpResponse doTrend() {
    job.checkPermission(Item.READ);
    List<Row> rows = getRows();
    List<Integer> builds = new ArrayList<>();
    Map<String, Map<Integer, DatasetRecord>> byDataset = new LinkedHashMap<>();
    for (Row row : rows) {
      if (builds.isEmpty() || builds.get(builds.size() - 1) != row.build) {
        builds.add(row.build);
      }
      byDataset
          .computeIfAbsent(row.record.getDataset(), k -> new LinkedHashMap<>())
          .put(row.build, row.record);
    }
    ObjectNode doc = Json.mapper().createObjectNode();
    ArrayNode b = doc.putArray("builds");
    builds.forEach(b::add);
    ArrayNode series = doc.putArray("series");
    byDataset.forEach(
        (dataset, perBuild) -> {
          ObjectNode s = series.addObject();
          s.put("name", dataset);
          ArrayNode files = s.putArray("files");
          ArrayNode megabytes = s.putArray("megabytes");
          ArrayNode sources = s.putArray("sources");
          ArrayNode versions = s.putArray("versions");
          for (Integer build : builds) {
            DatasetRecord rec = perBuild.get(build);
            if (rec == null) {
              files.addNull();
              megabytes.addNull();
              sources.addNull();
              versions.addNull();
            } else {
              files.add(rec.getFiles());
              megabytes.add(Math.round(rec.getBytes() / 1e4) / 100.0);
              if (rec.getSources() >= 0) {
                sources.add(rec.getSources());
              } else {
                sources.addNull();
              }
              versions.add(rec.getVersion());
            }
          }
        });
    return new JsonResponse(doc.toString());
  }
}
