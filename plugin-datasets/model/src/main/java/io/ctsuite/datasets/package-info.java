/**
 * The datasets model: every state of a dataset as a named, content-hashed, reproducible version.
 * Plain Java, no Jenkins dependency (guarded by DatasetsArchitectureTest).
 *
 * <ul>
 *   <li>{@link io.ctsuite.datasets.Manifest}: the entries of a version, column by column (a million
 *       entries in about 110 MB); its id is the SHA-256 of its canonical form.
 *   <li>{@link io.ctsuite.datasets.DatasetRegistry}: named datasets and their numbered versions in
 *       a directory or an S3 prefix ({@link io.ctsuite.datasets.store}); children stored as deltas,
 *       chains kept short, writes atomic, concurrent snapshots safe.
 *   <li>{@link io.ctsuite.datasets.snapshot}: snapshots of directories and S3 prefixes with a stat
 *       cache, parallel hashing, excludes, symbolic link rules and metadata rules.
 *   <li>{@link io.ctsuite.datasets.ops}: diff, stats with label alias rules, queries, mixes and
 *       balancing.
 *   <li>{@link io.ctsuite.datasets.materialize}: a version's files in a working directory.
 *   <li>{@link io.ctsuite.datasets.policy}: whether a change is worth a retrain, and why.
 * </ul>
 */
package io.ctsuite.datasets;
