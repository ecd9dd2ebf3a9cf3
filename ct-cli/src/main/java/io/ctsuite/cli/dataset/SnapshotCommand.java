package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.policy.Amounts;
import io.ctsuite.datasets.snapshot.Cancellation;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotProblem;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.snapshot.Snapshotter;
import io.ctsuite.datasets.store.S3Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset snapshot NAME PATH|s3://…}. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Records a directory or S3 prefix as the next version of a dataset.",
      "",
      "Nothing is recorded when the content equals the latest version. Files are hashed with SHA-256 on every core; files whose size, times and inode are unchanged since the last snapshot on this machine are not read again. S3 objects are identified by ETag and size unless --hash is given."
    })
public class SnapshotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Parameters(
      index = "1",
      paramLabel = "PATH|s3://BUCKET/PREFIX",
      description = "What to snapshot.")
  String source;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description = "Leave out matching paths (repeatable), e.g. '**/*.tmp', .git.")
  List<String> excludes;

  @Option(
      names = "--follow-symlinks",
      description =
          "Follow symbolic links (loops are detected); by default they are reported and left out.")
  boolean followSymlinks;

  @Option(
      names = "--pattern",
      paramLabel = "PATTERN",
      description =
          "Metadata from paths (repeatable, first match wins), e.g. '{source}/{label}/*'.")
  List<String> patterns;

  @Option(
      names = "--metadata",
      paramLabel = "FILE",
      description =
          "A sidecar table (CSV, TSV, JSON lines) with a 'path' column and source, label, annotations or any key; relative to the root.")
  String sidecar;

  @Option(
      names = "--hash",
      description = "S3: download and hash objects with SHA-256 instead of trusting ETags.")
  boolean hashS3;

  @Option(
      names = "--skip-problems",
      description = "Record a version without unreadable or changing files instead of stopping.")
  boolean skipProblems;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "Hashing threads (default: one per core).")
  int threads;

  @Option(names = "--note", paramLabel = "TEXT", description = "A note for the log.")
  String note;

  @Option(
      names = "--creator",
      paramLabel = "WHO",
      description = "Who records the version (default: $BUILD_TAG, else user@host).")
  String creator;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() {
    DatasetRegistry.checkName(name);
    SnapshotOptions options =
        new SnapshotOptions()
            .followSymlinks(followSymlinks)
            .hashS3(hashS3)
            .skipProblems(skipProblems)
            .threads(threads);
    if (excludes != null) {
      options.excludes(excludes);
    }
    if (patterns != null) {
      patterns.forEach(options::pathPattern);
    }
    if (sidecar != null) {
      options.sidecar(sidecar);
    }
    String location =
        S3Location.isS3(source) ? source : Path.of(source).toAbsolutePath().normalize().toString();
    Path storeRoot = registryOptions.area(spec);
    if (!S3Location.isS3(source) && storeRoot.startsWith(Path.of(location))) {
      // never snapshot our own store when it sits inside the data
      options.exclude(Path.of(location).relativize(storeRoot).toString().replace('\\', '/'));
      options.exclude(
          Path.of(location).relativize(storeRoot.getParent()).toString().replace('\\', '/'));
    }
    Cancellation cancellation = new Cancellation();
    Thread hook = new Thread(() -> cancellation.cancel("interrupted"));
    Runtime.getRuntime().addShutdownHook(hook);
    SnapshotResult result;
    try (ProgressRenderer progress = Output.progress(spec, quiet || json.enabled())) {
      result =
          new Snapshotter(options, registryOptions.cache(spec), progress, cancellation)
              .snapshot(location, registryOptions.s3());
    } finally {
      removeHook(hook);
    }
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      CommitResult commit =
          registry.commit(
              name,
              result.manifest(),
              VersionDraft.snapshot(location).note(note).creator(Output.creator(creator)));
      report(registry, result, commit);
    }
    return 0;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down
    }
  }

  private void report(DatasetRegistry registry, SnapshotResult result, CommitResult commit) {
    PrintWriter out = spec.commandLine().getOut();
    ManifestDiff diff = null;
    if (commit.created() && commit.previous() != null) {
      Manifest before = registry.manifest(commit.previous());
      diff = ManifestDiff.between(before, result.manifest());
    }
    Map<SnapshotProblem.Kind, Integer> problems = new EnumMap<>(SnapshotProblem.Kind.class);
    result.problems().forEach(p -> problems.merge(p.kind(), 1, Integer::sum));
    if (json.enabled()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("created", commit.created());
      doc.put("version", commit.version());
      doc.put("previous", commit.previous() == null ? null : commit.previous().label());
      if (diff != null) {
        doc.put("added", diff.addedCount());
        doc.put("removed", diff.removedCount());
        doc.put("modified", diff.modifiedCount());
        doc.put("renamed", diff.renamedCount());
      }
      doc.put("hashedFiles", result.hashedFiles());
      doc.put("hashedBytes", result.hashedBytes());
      doc.put("cachedFiles", result.cachedFiles());
      doc.put("elapsedMillis", result.elapsedMillis());
      doc.put("problems", result.problems());
      Output.json(out, doc);
      return;
    }
    if (commit.created()) {
      String since =
          diff == null
              ? "the first version"
              : Amounts.count(diff.addedCount())
                  + " added, "
                  + Amounts.count(diff.removedCount())
                  + " removed, "
                  + Amounts.count(diff.modifiedCount())
                  + " modified, "
                  + Amounts.count(diff.renamedCount())
                  + " renamed since "
                  + commit.previous().label();
      out.println("Recorded " + Output.version(commit.version()) + "; " + since + ".");
    } else {
      out.println(
          name
              + " is unchanged: same content as "
              + commit.version().label()
              + " ("
              + commit.version().shortId()
              + "); nothing recorded.");
    }
    out.printf(
        "Hashed %s (%s) in %.1f s; %s unchanged since the last snapshot.%n",
        Amounts.files(result.hashedFiles()),
        Amounts.bytes(result.hashedBytes()),
        result.elapsedMillis() / 1000.0,
        Amounts.files(result.cachedFiles()));
    for (Map.Entry<SnapshotProblem.Kind, Integer> e : problems.entrySet()) {
      out.println("Note: " + describe(e.getKey(), e.getValue(), result.problems()));
    }
    out.flush();
  }

  private static String describe(SnapshotProblem.Kind kind, int count, List<SnapshotProblem> all) {
    String first =
        all.stream()
            .filter(p -> p.kind() == kind)
            .findFirst()
            .map(SnapshotProblem::path)
            .orElse("");
    String example = count == 1 ? " (" + first + ")" : " (e.g. " + first + ")";
    return switch (kind) {
      case SYMLINK_SKIPPED ->
          Amounts.count(count)
              + " symbolic links left out"
              + example
              + "; --follow-symlinks follows them";
      case SYMLINK_LOOP -> Amounts.count(count) + " symbolic link loops not followed" + example;
      case DANGLING_LINK -> Amounts.count(count) + " symbolic links to nothing left out" + example;
      case SPECIAL_FILE -> Amounts.count(count) + " sockets, pipes or devices left out" + example;
      case VANISHED -> Amounts.count(count) + " files vanished during the snapshot" + example;
      case ORPHAN_METADATA ->
          Amounts.count(count) + " metadata rows describe files that are not there" + example;
      case UNREADABLE -> Amounts.count(count) + " unreadable files left out" + example;
      case CHANGING -> Amounts.count(count) + " files that kept changing left out" + example;
    };
  }
}
