package io.jenkins.plugins.ct.datasets;

import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetStats;
import java.io.Serializable;
import java.util.List;

/** What a snapshot on an agent sends back: the version and the small facts a build page shows. */
record SnapshotOutcome(
    VersionInfo version,
    boolean created,
    String previousLabel,
    String source,
    DatasetStats stats,
    ChangeSummary sincePreviousBuild,
    List<String> notes)
    implements Serializable {}
