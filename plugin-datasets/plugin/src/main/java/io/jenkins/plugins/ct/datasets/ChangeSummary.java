package io.jenkins.plugins.ct.datasets;

import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.policy.Amounts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What changed between two versions, in the few numbers a build page shows: small enough for
 * build.xml, with plain fields (no records) so that XStream reads it back.
 */
@ExportedBean(defaultVisibility = 3)
public final class ChangeSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private String from;
  private String fromId;
  private String to;
  private String toId;
  private long filesBefore;
  private long filesAfter;
  private long bytesBefore;
  private long bytesAfter;
  private long added;
  private long addedBytes;
  private long removed;
  private long modified;
  private long renamed;
  private double labelShift;
  private ArrayList<String> newSources = new ArrayList<>();
  private ArrayList<String> goneSources = new ArrayList<>();
  private ArrayList<String> newLabels = new ArrayList<>();

  static ChangeSummary of(DatasetChange change) {
    ChangeSummary s = new ChangeSummary();
    s.from = change.from();
    s.fromId = change.fromId();
    s.to = change.to();
    s.toId = change.toId();
    s.filesBefore = change.filesBefore();
    s.filesAfter = change.filesAfter();
    s.bytesBefore = change.bytesBefore();
    s.bytesAfter = change.bytesAfter();
    s.added = change.added();
    s.addedBytes = change.addedBytes();
    s.removed = change.removed();
    s.modified = change.modified();
    s.renamed = change.renamed();
    s.labelShift = change.labelShift();
    s.newSources = new ArrayList<>(change.newSources());
    s.goneSources = new ArrayList<>(change.goneSources());
    s.newLabels = new ArrayList<>(change.newLabels());
    return s;
  }

  @Exported
  public String getFrom() {
    return from;
  }

  @Exported
  public String getFromId() {
    return fromId;
  }

  @Exported
  public String getTo() {
    return to;
  }

  @Exported
  public String getToId() {
    return toId;
  }

  @Exported
  public long getFilesBefore() {
    return filesBefore;
  }

  @Exported
  public long getFilesAfter() {
    return filesAfter;
  }

  @Exported
  public long getBytesBefore() {
    return bytesBefore;
  }

  @Exported
  public long getBytesAfter() {
    return bytesAfter;
  }

  @Exported
  public long getAdded() {
    return added;
  }

  @Exported
  public long getAddedBytes() {
    return addedBytes;
  }

  @Exported
  public long getRemoved() {
    return removed;
  }

  @Exported
  public long getModified() {
    return modified;
  }

  @Exported
  public long getRenamed() {
    return renamed;
  }

  @Exported
  public double getLabelShift() {
    return labelShift;
  }

  /** Files after over files before; 0 when there was nothing before. */
  @Exported
  public double getGrowth() {
    return filesBefore == 0 ? 0 : (double) filesAfter / filesBefore;
  }

  @Exported
  public List<String> getNewSources() {
    return newSources == null ? List.of() : newSources;
  }

  @Exported
  public List<String> getGoneSources() {
    return goneSources == null ? List.of() : goneSources;
  }

  @Exported
  public List<String> getNewLabels() {
    return newLabels == null ? List.of() : newLabels;
  }

  public boolean isUnchanged() {
    return fromId != null && fromId.equals(toId);
  }

  /** One line: {@code v2 → v3: +120 files, −3 files, 4 modified, 1.52×, new source hospital-c}. */
  public String getText() {
    if (isUnchanged()) {
      return from + " → " + to + ": same content";
    }
    List<String> parts = new ArrayList<>();
    parts.add("+" + Amounts.files(added) + " (" + Amounts.bytes(addedBytes) + ")");
    if (removed > 0) {
      parts.add("−" + Amounts.files(removed));
    }
    if (modified > 0) {
      parts.add(Amounts.count(modified) + " modified");
    }
    if (renamed > 0) {
      parts.add(Amounts.count(renamed) + " renamed");
    }
    if (filesBefore > 0) {
      parts.add(Amounts.ratio(getGrowth()));
    }
    if (!getNewSources().isEmpty()) {
      parts.add(
          (newSources.size() == 1 ? "new source " : "new sources ")
              + String.join(", ", newSources));
    }
    if (!getGoneSources().isEmpty()) {
      parts.add("sources gone: " + String.join(", ", goneSources));
    }
    return from + " → " + to + ": " + String.join(", ", parts);
  }
}
