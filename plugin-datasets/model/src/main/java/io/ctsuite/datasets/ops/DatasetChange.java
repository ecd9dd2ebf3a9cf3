package io.ctsuite.datasets.ops;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What changed between two versions of a dataset, in numbers: what a change policy decides on and
 * what {@code ct dataset diff} prints. Small and serializable, so that an agent can compute it and
 * send it to a Jenkins controller.
 *
 * @param dataset the dataset's name
 * @param from the earlier version's label ({@code v41})
 * @param fromId its id
 * @param to the later version's label
 * @param toId its id
 * @param filesBefore entries in the earlier version
 * @param filesAfter entries in the later version
 * @param bytesBefore bytes in the earlier version
 * @param bytesAfter bytes in the later version
 * @param added entries only in the later version
 * @param addedBytes their bytes
 * @param removed entries only in the earlier version
 * @param removedBytes their bytes
 * @param modified entries at the same path with other content
 * @param modifiedBytes their bytes in the later version
 * @param renamed entries with the same content at another path
 * @param bySource per source
 * @param byLabel per canonical label
 * @param newSources sources the earlier version did not have
 * @param goneSources sources the later version no longer has
 * @param newLabels labels the earlier version did not have
 * @param labelShift total variation distance between the label distributions, 0 to 1
 * @param newestModified the later version's newest modification time, ms, -1 when unknown
 */
public record DatasetChange(
    String dataset,
    String from,
    String fromId,
    String to,
    String toId,
    long filesBefore,
    long filesAfter,
    long bytesBefore,
    long bytesAfter,
    long added,
    long addedBytes,
    long removed,
    long removedBytes,
    long modified,
    long modifiedBytes,
    long renamed,
    Map<String, GroupChange> bySource,
    Map<String, GroupChange> byLabel,
    List<String> newSources,
    List<String> goneSources,
    List<String> newLabels,
    double labelShift,
    long newestModified)
    implements Serializable {

  /** Whether the two versions have the same content. */
  public boolean unchanged() {
    return fromId != null && fromId.equals(toId);
  }

  /** Entries after over entries before; infinite when the earlier version was empty. */
  public double growth() {
    return ratio(filesAfter, filesBefore);
  }

  /** Bytes after over bytes before. */
  public double byteGrowth() {
    return ratio(bytesAfter, bytesBefore);
  }

  private static double ratio(long after, long before) {
    return before == 0 ? (after == 0 ? 1 : Double.POSITIVE_INFINITY) : (double) after / before;
  }
}
