package io.jenkins.plugins.ct.datasets;

import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.materialize.MaterializeReport;
import io.ctsuite.datasets.ops.DatasetStats;
import java.io.Serializable;
import java.util.List;

/**
 * What {@code useDataset} pinned: the version, the id of the selection when a query narrowed it,
 * and what materializing it did (null when nothing was materialized).
 */
record UseOutcome(
    VersionInfo version,
    String selectionId,
    long files,
    long bytes,
    String directory,
    MaterializeReport report,
    DatasetStats stats,
    ChangeSummary sincePreviousBuild,
    List<String> notes)
    implements Serializable {}
