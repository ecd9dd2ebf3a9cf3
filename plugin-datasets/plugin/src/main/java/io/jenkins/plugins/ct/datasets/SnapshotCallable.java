package io.jenkins.plugins.ct.datasets;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.datasets.ops.EntryQuery;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.policy.Amounts;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotProblem;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.snapshot.Snapshotter;
import io.ctsuite.datasets.store.S3Location;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Takes a snapshot where the data is (the workspace's machine), records it in the registry from
 * there, and sends back the version with its counts. Progress goes to the build console.
 */
final class SnapshotCallable extends MasterToSlaveFileCallable<SnapshotOutcome> {
  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final String path;
  private final RegistryRef registry;
  private final SnapshotOptions options;
  private final String filter;
  private final String note;
  private final String creator;
  private final String previousBuildVersion;
  private final TaskListener listener;

  SnapshotCallable(
      String dataset,
      String path,
      RegistryRef registry,
      SnapshotOptions options,
      String filter,
      String note,
      String creator,
      String previousBuildVersion,
      TaskListener listener) {
    this.dataset = dataset;
    this.path = path;
    this.registry = registry;
    this.options = options;
    this.filter = filter;
    this.note = note;
    this.creator = creator;
    this.previousBuildVersion = previousBuildVersion;
    this.listener = listener;
  }

  @Override
  public SnapshotOutcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    return AgentWork.run(listener, () -> snapshot(workspace));
  }

  private SnapshotOutcome snapshot(File workspace) {
    PrintStream log = listener.getLogger();
    String location = AgentWork.location(workspace, path);
    SnapshotOptions chosen = options;
    if (!registry.isS3() && !S3Location.isS3(location)) {
      Path data = Path.of(location);
      Path store = Path.of(registry.location());
      store = store.isAbsolute() ? store : workspace.toPath().resolve(store).normalize();
      if (store.startsWith(data) && !store.equals(data)) {
        // never snapshot the registry itself when it sits inside the data
        chosen.exclude(data.relativize(store).toString().replace('\\', '/'));
      }
    }
    log.println("Snapshot of " + location + " as " + dataset + " in " + registry);
    SnapshotResult result;
    try (AbortWatch watch = new AbortWatch()) {
      result =
          new Snapshotter(
                  chosen,
                  registry.cacheDir().resolve("stat"),
                  new ConsoleProgress(log, "  "),
                  watch.cancellation())
              .snapshot(location, registry.s3());
    }
    List<String> notes = new ArrayList<>();
    try (DatasetRegistry reg = registry.open(workspace.toPath())) {
      LabelAliases aliases = reg.aliases(dataset);
      Manifest manifest = result.manifest();
      if (filter != null && !filter.isBlank()) {
        EntryQuery query = EntryQuery.parse(filter);
        Manifest kept = query.apply(manifest, aliases);
        notes.add(
            "The filter '"
                + filter
                + "' kept "
                + Amounts.count(kept.size())
                + " of "
                + Amounts.files(manifest.size()));
        manifest = kept;
      }
      CommitResult commit =
          reg.commit(
              dataset, manifest, VersionDraft.snapshot(location).note(note).creator(creator));
      if (commit.created()) {
        String since = "the first version of " + dataset;
        if (commit.previous() != null) {
          ManifestDiff diff = ManifestDiff.between(reg.manifest(commit.previous()), manifest);
          since =
              "+"
                  + Amounts.count(diff.addedCount())
                  + " −"
                  + Amounts.count(diff.removedCount())
                  + " ~"
                  + Amounts.count(diff.modifiedCount())
                  + " files since "
                  + commit.previous().label();
        }
        log.println(
            "Recorded "
                + dataset
                + " "
                + commit.version().label()
                + " ("
                + commit.version().shortId()
                + "): "
                + Amounts.files(manifest.size())
                + ", "
                + Amounts.bytes(manifest.totalBytes())
                + "; "
                + since
                + ".");
      } else {
        log.println(
            dataset
                + " is unchanged: same content as "
                + commit.version().label()
                + " ("
                + commit.version().shortId()
                + ").");
      }
      log.printf(
          "  Hashed %s (%s) in %.1f s; %s unchanged since the last snapshot on this machine.%n",
          Amounts.files(result.hashedFiles()),
          Amounts.bytes(result.hashedBytes()),
          result.elapsedMillis() / 1000.0,
          Amounts.files(result.cachedFiles()));
      notes.addAll(problems(result.problems()));
      notes.forEach(n -> log.println("  Note: " + n));
      ChangeSummary change =
          AgentWork.changeSince(
              reg,
              dataset,
              previousBuildVersion,
              manifest,
              commit.version().label(),
              aliases,
              notes);
      return new SnapshotOutcome(
          commit.version(),
          commit.created(),
          commit.previous() == null ? null : commit.previous().label(),
          location,
          DatasetStats.of(manifest, aliases),
          change,
          notes);
    }
  }

  private static List<String> problems(List<SnapshotProblem> problems) {
    Map<SnapshotProblem.Kind, List<SnapshotProblem>> byKind =
        new EnumMap<>(SnapshotProblem.Kind.class);
    for (SnapshotProblem p : problems) {
      byKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p);
    }
    List<String> lines = new ArrayList<>();
    byKind.forEach(
        (kind, list) ->
            lines.add(
                Amounts.count(list.size())
                    + " "
                    + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " (e.g. "
                    + list.get(0)
                    + ")"));
    return lines;
  }
}
