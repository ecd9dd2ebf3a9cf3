package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Progress;
import io.ctsuite.datasets.Failures;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.ManifestBuilder;
import io.ctsuite.datasets.Origin;
import io.ctsuite.datasets.store.S3Errors;
import io.ctsuite.datasets.store.S3Location;
import io.ctsuite.datasets.store.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Takes a snapshot of a directory tree or an S3 prefix: lists it, reuses the hashes of files whose
 * stat has not changed since the last snapshot on this machine, hashes the rest in parallel, gives
 * each file its metadata, and returns the manifest. Nothing is recorded here: the caller commits
 * the manifest to a registry, so a failed or cancelled snapshot leaves no trace but a warmer stat
 * cache.
 */
public final class Snapshotter {
  private static final int MAX_LISTED_PROBLEMS = 10;

  private final SnapshotOptions options;
  private final Path cacheDir;
  private final Progress progress;
  private final Cancellation cancellation;

  /**
   * @param cacheDir where the stat caches live on this machine, or null for none
   */
  public Snapshotter(
      SnapshotOptions options, Path cacheDir, Progress progress, Cancellation cancellation) {
    this.options = options;
    this.cacheDir = cacheDir;
    this.progress = progress == null ? Progress.NONE : progress;
    this.cancellation = cancellation == null ? Cancellation.none() : cancellation;
  }

  /** A snapshot of a directory or an {@code s3://} prefix. */
  public SnapshotResult snapshot(String location, S3Settings s3) {
    if (S3Location.isS3(location)) {
      try (S3Client client = (s3 == null ? S3Settings.fromEnvironment() : s3).client()) {
        return snapshotS3(client, S3Location.parse(location));
      }
    }
    return snapshotDirectory(Path.of(location));
  }

  public SnapshotResult snapshotDirectory(Path directory) {
    long started = System.nanoTime();
    long racyAfter = (System.currentTimeMillis() - options.racyWindowMillis()) * 1_000_000L;
    Path root = directory.toAbsolutePath().normalize();
    MetadataRules rules = rules(name -> readLocal(root, name));
    Queue<SnapshotProblem> problems = new ConcurrentLinkedQueue<>();
    List<FoundFile> files;
    ForkJoinPool pool = new ForkJoinPool(options.threads());
    try {
      files =
          new DirectoryScanner(
                  root,
                  options.followSymlinks(),
                  new Excludes(options.excludes()),
                  cancellation,
                  progress,
                  problems)
              .scan(pool);
    } catch (NoSuchFileException e) {
      throw new InputException("no such directory: " + root);
    } catch (NotDirectoryException e) {
      throw new InputException("not a directory: " + root);
    } catch (IOException e) {
      throw Failures.io("Could not scan " + root + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    files.sort(FoundFile::compare);
    Path cacheFile = cacheDir == null ? null : StatCache.fileFor(cacheDir, root.toString());
    StatCache cache = StatCache.load(cacheFile);
    List<FoundFile> todo = reuse(files, cache);
    long todoBytes = todo.stream().mapToLong(FoundFile::size).sum();
    FileHasher hasher =
        new FileHasher(
            options.threads(),
            options.attempts(),
            options.followSymlinks(),
            cancellation,
            progress,
            problems);
    try {
      hasher.hashAll(todo, todoBytes);
    } finally {
      if (cacheFile != null && (!todo.isEmpty() || cache.size() != files.size())) {
        saveQuietly(cacheFile, files, racyAfter);
      }
    }
    Origin origin = Origin.of(root.toString(), Origin.SHA256);
    return finish(
        root.toString(),
        files,
        origin,
        rules,
        problems,
        hasher.files.get(),
        hasher.bytes.get(),
        files.size() - todo.size(),
        started);
  }

  public SnapshotResult snapshotS3(S3Client client, S3Location location) {
    long started = System.nanoTime();
    // an object's ETag changes with every write, so S3 has no racy window: trust every entry
    long racyAfter = Long.MAX_VALUE;
    MetadataRules rules = rules(name -> readS3(client, location, name));
    Queue<SnapshotProblem> problems = new ConcurrentLinkedQueue<>();
    S3Scanner scanner =
        new S3Scanner(client, location, new Excludes(options.excludes()), cancellation, progress);
    List<FoundFile> files = scanner.list();
    files.sort(FoundFile::compare);
    long hashedFiles = 0;
    long cached = 0;
    AtomicLong hashedBytes = new AtomicLong();
    String origin = Origin.S3_ETAG;
    if (options.hashS3()) {
      origin = Origin.SHA256;
      Path cacheFile = cacheDir == null ? null : StatCache.fileFor(cacheDir, location.toString());
      StatCache cache = StatCache.load(cacheFile);
      List<FoundFile> todo = reuse(files, cache);
      try {
        scanner.hashAll(
            todo, Math.max(8, options.threads() * 2), options.attempts(), problems, hashedBytes);
      } finally {
        if (cacheFile != null && (!todo.isEmpty() || cache.size() != files.size())) {
          saveQuietly(cacheFile, files, racyAfter);
        }
      }
      hashedFiles = todo.size();
      cached = files.size() - todo.size();
    } else {
      for (FoundFile file : files) {
        file.hash(S3Scanner.etagHash(file.etag(), file.size()));
      }
    }
    return finish(
        location.toString(),
        files,
        Origin.of(location.toString(), origin),
        rules,
        problems,
        hashedFiles,
        hashedBytes.get(),
        cached,
        started);
  }

  private static List<FoundFile> reuse(List<FoundFile> files, StatCache cache) {
    List<FoundFile> todo = new ArrayList<>();
    StatCache.Cursor cursor = cache.cursor();
    for (FoundFile file : files) {
      byte[] hash =
          cursor.hashIfUnchanged(file.pathBytes(), file.size(), file.mtimeNanos(), file.identity());
      if (hash != null) {
        file.hash(hash);
      } else {
        todo.add(file);
      }
    }
    return todo;
  }

  private SnapshotResult finish(
      String source,
      List<FoundFile> files,
      Origin origin,
      MetadataRules rules,
      Queue<SnapshotProblem> problems,
      long hashedFiles,
      long hashedBytes,
      long cachedFiles,
      long started) {
    cancellation.check();
    List<SnapshotProblem> all = new ArrayList<>(problems);
    all.sort(
        java.util.Comparator.comparing(SnapshotProblem::kind).thenComparing(SnapshotProblem::path));
    List<SnapshotProblem> fatal = all.stream().filter(p -> p.kind().fatal()).toList();
    if (!fatal.isEmpty() && !options.skipProblems()) {
      throw new SnapshotException(describeFatal(source, fatal), all);
    }
    ManifestBuilder builder = new ManifestBuilder("snapshot of " + source);
    builder.expect(files.size(), files.stream().mapToLong(f -> f.pathBytes().length).sum());
    Set<String> paths = rules.sidecar() == null ? null : new HashSet<>();
    for (FoundFile file : files) {
      if (file.hash() == null) {
        continue;
      }
      builder.add(
          file.path(),
          file.pathBytes(),
          file.size(),
          file.mtimeMillis(),
          file.hash(),
          rules.metaFor(file.path()),
          origin);
      if (paths != null) {
        paths.add(file.path());
      }
    }
    if (paths != null) {
      SidecarTable sidecar = rules.sidecar();
      for (String described : sidecar.paths()) {
        if (!paths.contains(described)) {
          all.add(
              new SnapshotProblem(
                  SnapshotProblem.Kind.ORPHAN_METADATA,
                  described,
                  sidecar.name()
                      + " line "
                      + sidecar.line(described)
                      + " describes a file that is"
                      + " not in the snapshot"));
        }
      }
    }
    Manifest manifest = builder.build();
    return new SnapshotResult(
        source,
        manifest,
        List.copyOf(all),
        hashedFiles,
        hashedBytes,
        cachedFiles,
        (System.nanoTime() - started) / 1_000_000L);
  }

  private static String describeFatal(String source, Collection<SnapshotProblem> fatal) {
    StringBuilder text =
        new StringBuilder("the snapshot of ")
            .append(source)
            .append(" stopped: ")
            .append(fatal.size())
            .append(fatal.size() == 1 ? " file" : " files")
            .append(" could not be read as they are (nothing was recorded; --skip-problems records")
            .append(" a version without them):");
    int listed = 0;
    for (SnapshotProblem problem : fatal) {
      if (listed++ == MAX_LISTED_PROBLEMS) {
        text.append("\n  … and ").append(fatal.size() - MAX_LISTED_PROBLEMS).append(" more");
        break;
      }
      text.append("\n  ").append(problem.path()).append(": ").append(problem.detail());
    }
    return text.toString();
  }

  /** Reads a sidecar named relative to a root. */
  @FunctionalInterface
  private interface SidecarReader {
    String read(String name) throws IOException;
  }

  private MetadataRules rules(SidecarReader reader) {
    List<PathPattern> patterns = new ArrayList<>();
    for (String pattern : options.pathPatterns()) {
      patterns.add(PathPattern.compile(pattern));
    }
    SidecarTable sidecar = null;
    if (options.sidecar() != null && !options.sidecar().isBlank()) {
      String name = options.sidecar();
      try {
        sidecar = SidecarTable.parse(name, reader.read(name));
      } catch (NoSuchFileException e) {
        throw new InputException("metadata sidecar not found: " + e.getFile());
      } catch (IOException e) {
        throw Failures.io("Could not read the metadata sidecar " + name + ": " + e.getMessage(), e);
      }
    }
    return new MetadataRules(patterns, sidecar);
  }

  private static String readLocal(Path root, String name) throws IOException {
    Path file = Path.of(name);
    return Files.readString(file.isAbsolute() ? file : root.resolve(file), StandardCharsets.UTF_8);
  }

  private static String readS3(S3Client client, S3Location location, String name)
      throws IOException {
    Path local = Path.of(name);
    if (local.isAbsolute() || Files.isRegularFile(local)) {
      return Files.readString(local, StandardCharsets.UTF_8);
    }
    try {
      return client
          .getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key(name)))
          .asString(StandardCharsets.UTF_8);
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      throw new NoSuchFileException(location + name);
    } catch (SdkException e) {
      throw S3Errors.describe("read", location + name, e);
    }
  }

  private static void saveQuietly(Path cacheFile, List<FoundFile> files, long racyAfter) {
    try {
      StatCache.save(cacheFile, files, racyAfter);
    } catch (UncheckedIOException e) {
      // the cache only saves time; a snapshot must not fail because it could not be written
    }
  }
}
