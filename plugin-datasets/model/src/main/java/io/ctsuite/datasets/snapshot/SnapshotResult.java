package io.ctsuite.datasets.snapshot;

import io.ctsuite.datasets.Manifest;
import java.io.Serializable;
import java.util.List;

/**
 * A snapshot: the manifest, what could not be taken as it is, and what the work cost.
 *
 * @param source the directory or s3:// prefix
 * @param manifest the entries
 * @param problems warnings (and, with skipProblems, the files left out)
 * @param hashedFiles files read and hashed
 * @param hashedBytes bytes read
 * @param cachedFiles files whose hash came from the stat cache
 * @param elapsedMillis wall time
 */
public record SnapshotResult(
    String source,
    Manifest manifest,
    List<SnapshotProblem> problems,
    long hashedFiles,
    long hashedBytes,
    long cachedFiles,
    long elapsedMillis)
    implements Serializable {}
