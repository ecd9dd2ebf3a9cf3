package io.ctsuite.datasets.ops;

import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a version: files and bytes in all, per source and per canonical label (alias rules
 * applied), annotations, and the labels that look alike without a rule mapping them.
 *
 * @param files entries
 * @param bytes total size
 * @param unlabelled entries without a label
 * @param annotations the sum of annotation counts, -1 when no entry has one
 * @param newestModified the newest modification time, ms
 * @param bySource per source ("(none)" for entries without one)
 * @param byLabel per canonical label; an entry with two labels counts for both
 * @param lookAlikes labels that look alike but are not mapped
 */
public record DatasetStats(
    long files,
    long bytes,
    long unlabelled,
    long annotations,
    long newestModified,
    Map<String, Group> bySource,
    Map<String, Group> byLabel,
    List<LookAlikes.Pair> lookAlikes)
    implements Serializable {

  /**
   * Files and bytes of one group.
   *
   * @param files entries
   * @param bytes their size
   */
  public record Group(long files, long bytes) implements Serializable {}

  public static DatasetStats of(Manifest manifest, LabelAliases aliases) {
    Groups groups = new Groups(aliases);
    int[] sources = groups.sourcesOf(manifest);
    int[][] labels = groups.labelsOf(manifest);
    long[][] bySource = new long[groups.sourceCount()][2];
    long[][] byLabel = new long[groups.labelCount()][2];
    long unlabelled = 0;
    long annotations = -1;
    int tableSize = manifest.metaTable().length;
    int[] annotationOf = new int[tableSize];
    for (int t = 0; t < tableSize; t++) {
      annotationOf[t] = manifest.metaTable()[t].annotations();
    }
    for (int i = 0; i < manifest.size(); i++) {
      int t = manifest.metaIndex(i);
      long size = manifest.fileSize(i);
      bySource[sources[t]][0]++;
      bySource[sources[t]][1] += size;
      if (labels[t].length == 0) {
        unlabelled++;
      }
      for (int label : labels[t]) {
        byLabel[label][0]++;
        byLabel[label][1] += size;
      }
      if (annotationOf[t] >= 0) {
        annotations = Math.max(annotations, 0) + annotationOf[t];
      }
    }
    Map<String, Group> perSource = new TreeMap<>();
    for (int s = 0; s < bySource.length; s++) {
      if (bySource[s][0] > 0) {
        perSource.put(groups.source(s), new Group(bySource[s][0], bySource[s][1]));
      }
    }
    Map<String, Group> perLabel = new TreeMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int l = 0; l < byLabel.length; l++) {
      if (byLabel[l][0] > 0) {
        perLabel.put(groups.label(l), new Group(byLabel[l][0], byLabel[l][1]));
        counts.put(groups.label(l), byLabel[l][0]);
      }
    }
    return new DatasetStats(
        manifest.size(),
        manifest.totalBytes(),
        unlabelled,
        annotations,
        manifest.newestModified(),
        perSource,
        perLabel,
        LookAlikes.find(counts));
  }
}
