package io.ctsuite.datasets.materialize;

import java.io.Serializable;

/**
 * What a materialization did.
 *
 * @param files entries in the version
 * @param reused files already in place with the right content
 * @param linked files hard-linked from the local cache
 * @param copied files copied (from the cache where links are impossible, or from the source)
 * @param fetched files read from their source (into the cache or straight into place)
 * @param bytesFetched bytes read from sources
 * @param removed files of the previous materialization the version no longer has
 * @param verified files whose content was hashed and checked
 * @param repaired files that were in place with other content (edited since) and were replaced
 * @param extra files in the directory that no version put there (left alone)
 */
public record MaterializeReport(
    long files,
    long reused,
    long linked,
    long copied,
    long fetched,
    long bytesFetched,
    long removed,
    long verified,
    long repaired,
    long extra)
    implements Serializable {}
