package io.ctsuite.datasets;

import java.io.Serializable;

/**
 * The outcome of recording a manifest: a new version, or the latest one when the content did not
 * change (equal content, equal id).
 *
 * @param version the version that now holds the content
 * @param created whether a new version was written
 * @param previous the version that was latest before, or null for a new dataset
 */
public record CommitResult(VersionInfo version, boolean created, VersionInfo previous)
    implements Serializable {}
