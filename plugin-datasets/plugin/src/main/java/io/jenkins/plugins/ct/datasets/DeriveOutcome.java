package io.jenkins.plugins.ct.datasets;

import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetStats;
import java.io.Serializable;

/** A derived version (mix, balance) and its counts. */
record DeriveOutcome(VersionInfo version, boolean created, DatasetStats stats)
    implements Serializable {}
