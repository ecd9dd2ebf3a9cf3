package io.ctsuite.cli.demo;

import io.ctsuite.core.Progress;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.datasets.policy.ChangePolicy;
import io.ctsuite.datasets.policy.Decision;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.snapshot.Snapshotter;
import java.nio.file.Path;
import java.time.Instant;

/** The demo's dataset: snapshots of the generated directory, recorded once per content. */
final class DemoDataset {
  /** Where source and phase come from: hospital-a/clipping-cutting/clip-00042.npy. */
  static final String PATH_PATTERN = "{source}/{label}/*";

  private final DatasetRegistry registry;
  private final Path dataDir;

  /**
   * A snapshot as recorded.
   *
   * @param version the version holding the content
   * @param created whether this snapshot wrote a new version (false: the content was known)
   * @param stats files and bytes per source and label
   * @param result what the snapshot cost (files hashed, from the stat cache)
   */
  record Snapshot(
      VersionInfo version, boolean created, DatasetStats stats, SnapshotResult result) {}

  DemoDataset(DatasetRegistry registry, Path dataDir) {
    this.registry = registry;
    this.dataDir = dataDir;
  }

  /**
   * Snapshots the data directory. Content the dataset already has (in any version, not only the
   * latest) is not recorded again: a re-run of the demo adds no duplicate version.
   */
  Snapshot snapshot(String note, Progress progress) {
    SnapshotOptions options = new SnapshotOptions().pathPattern(PATH_PATTERN);
    SnapshotResult result =
        new Snapshotter(options, registry.cacheDir(), progress, null).snapshotDirectory(dataDir);
    Manifest manifest = result.manifest();
    DatasetStats stats = DatasetStats.of(manifest, aliases());
    for (VersionInfo known : registry.log(DemoSettings.DATASET)) {
      if (known.id().equals(manifest.id())) {
        return new Snapshot(known, false, stats, result);
      }
    }
    VersionDraft draft = VersionDraft.snapshot(dataDir.toString()).note(note);
    return new Snapshot(
        registry.commit(DemoSettings.DATASET, manifest, draft).version(), true, stats, result);
  }

  /** The change policy's decision between the version trained on and the current one. */
  Decision decide(VersionInfo trainedOn, VersionInfo current, ChangePolicy policy) {
    return policy.decide(
        DemoSettings.DATASET,
        trainedOn.label(),
        registry.manifest(trainedOn),
        current.label(),
        registry.manifest(current),
        aliases(),
        Instant.now());
  }

  /** A version by id, or null when the dataset does not have it (any more). */
  VersionInfo find(String id) {
    for (VersionInfo known : registry.log(DemoSettings.DATASET)) {
      if (known.id().equals(id)) {
        return known;
      }
    }
    return null;
  }

  int versions() {
    return registry.log(DemoSettings.DATASET).size();
  }

  private LabelAliases aliases() {
    return registry.aliases(DemoSettings.DATASET);
  }
}
