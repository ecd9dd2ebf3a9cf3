package io.ctsuite.datasets.materialize;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Progress;
import io.ctsuite.datasets.Failures;
import io.ctsuite.datasets.Hashes;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Origin;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.snapshot.Cancellation;
import io.ctsuite.datasets.store.S3Errors;
import io.ctsuite.datasets.store.S3Location;
import io.ctsuite.datasets.store.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Puts a version's files in a working directory for training. Content comes through a local
 * content-addressed cache and is hard-linked into place (no copy, no extra disk), or copied where
 * links are impossible or the cache is off. What is already in place with the right content stays;
 * files of the previous materialization that the version no longer has are removed; anything else
 * in the directory is left alone. Every file arrives under a temporary name and is renamed into
 * place, and content read from a source is checked against the version's hash on the way, so a
 * source that changed since the snapshot is caught rather than trained on.
 */
public final class Materializer {
  private static final String TEMP_SUFFIX = ".ct-tmp";

  private final Path cacheDir;
  private final S3Settings s3;
  private final int threads;
  private final Progress progress;
  private final Cancellation cancellation;
  private S3Client client;

  /**
   * @param cacheDir the content cache, or null to copy straight from the sources
   * @param s3 how to reach S3 sources (may be null when there are none)
   */
  public Materializer(
      Path cacheDir, S3Settings s3, int threads, Progress progress, Cancellation cancellation) {
    this.cacheDir = cacheDir;
    this.s3 = s3;
    this.threads = threads > 0 ? threads : Math.max(4, Runtime.getRuntime().availableProcessors());
    this.progress = progress == null ? Progress.NONE : progress;
    this.cancellation = cancellation == null ? Cancellation.none() : cancellation;
  }

  /**
   * Materializes {@code manifest} (version {@code version}) in {@code target}.
   *
   * @param previous the manifest of the version the directory's marker names, or null
   * @param verify hash every file in place and compare it with the version
   */
  public MaterializeReport materialize(
      VersionInfo version, Manifest manifest, Path target, Manifest previous, boolean verify) {
    Path dir = target.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw Failures.io("Could not create " + dir + ": " + e.getMessage(), e);
    }
    Marker before = Marker.read(dir);
    boolean trustPrevious =
        before != null
            && before.complete()
            && previous != null
            && previous.id().equals(before.id());
    new Marker(version.dataset(), version.id(), version.label(), false, 0).write(dir);
    Counters counters = new Counters();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    long totalBytes = manifest.totalBytes();
    AtomicLong doneBytes = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    try {
      runParallel(
          manifest.size(),
          i -> {
            try {
              place(manifest, i, dir, trustPrevious ? previous : null, before, verify, counters);
            } catch (InputException e) {
              problems.add(e.getMessage());
            }
            doneBytes.addAndGet(manifest.fileSize(i));
            long n = done.incrementAndGet();
            if (n % 64 == 0 || n == manifest.size()) {
              progress.update("Materializing", n, manifest.size(), doneBytes.get(), totalBytes);
            }
          },
          failure);
    } finally {
      closeClient();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    cancellation.check();
    if (!problems.isEmpty()) {
      List<String> listed = new ArrayList<>(problems);
      listed.sort(null);
      throw new InputException(
          "could not materialize "
              + problems.size()
              + " of "
              + manifest.size()
              + " files of "
              + version.dataset()
              + " "
              + version.label()
              + " (the directory keeps the files that"
              + " did arrive; run again after fixing the sources):\n  "
              + String.join("\n  ", listed.subList(0, Math.min(10, listed.size())))
              + (listed.size() > 10 ? "\n  … and " + (listed.size() - 10) + " more" : ""));
    }
    long removed = previous == null ? 0 : removeStale(dir, previous, manifest);
    long extra = countExtra(dir, manifest);
    new Marker(version.dataset(), version.id(), version.label(), true, System.currentTimeMillis())
        .write(dir);
    return new MaterializeReport(
        manifest.size(),
        counters.reused.get(),
        counters.linked.get(),
        counters.copied.get(),
        counters.fetched.get(),
        counters.bytesFetched.get(),
        removed,
        counters.verified.get(),
        counters.repaired.get(),
        extra);
  }

  private static final class Counters {
    final AtomicLong reused = new AtomicLong();
    final AtomicLong linked = new AtomicLong();
    final AtomicLong copied = new AtomicLong();
    final AtomicLong fetched = new AtomicLong();
    final AtomicLong bytesFetched = new AtomicLong();
    final AtomicLong verified = new AtomicLong();
    final AtomicLong repaired = new AtomicLong();
  }

  private void runParallel(
      int n, java.util.function.IntConsumer work, AtomicReference<RuntimeException> failure) {
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(threads, Math.max(1, n)); w++) {
      Thread thread =
          new Thread(
              () -> {
                int i;
                while (failure.get() == null
                    && !cancellation.isCancelled()
                    && (i = next.getAndIncrement()) < n) {
                  try {
                    work.accept(i);
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                }
              },
              "ct-materialize-" + w);
      thread.setDaemon(true);
      workers.add(thread);
      thread.start();
    }
    for (Thread thread : workers) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        cancellation.cancel("interrupted");
        Thread.currentThread().interrupt();
      }
    }
  }

  private void place(
      Manifest m,
      int i,
      Path dir,
      Manifest previous,
      Marker marker,
      boolean verify,
      Counters counters) {
    String path = m.path(i);
    Path dest = dir.resolve(path).normalize();
    if (!dest.startsWith(dir) || dest.equals(dir)) {
      throw new InputException("'" + path + "' would be written outside " + dir + "; refused");
    }
    byte[] hash = m.hash(i);
    Origin origin = m.origin(i);
    boolean hashable = origin == null || Origin.SHA256.equals(origin.hashKind());
    try {
      boolean inPlace = isInPlace(m, i, dest, previous, marker, hashable, hash);
      if (inPlace && verify && hashable) {
        counters.verified.incrementAndGet();
        inPlace = Arrays.equals(hashOf(dest), hash);
        if (!inPlace) {
          dropCachedCopy(hash, dest);
        }
      }
      if (inPlace) {
        counters.reused.incrementAndGet();
        return;
      }
      if (Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS)) {
        counters.repaired.incrementAndGet();
      }
      Files.createDirectories(dest.getParent());
      if (cacheDir != null) {
        Path object = cached(m, i, origin, hashable, counters);
        if (!linkOrCopy(object, dest)) {
          counters.copied.incrementAndGet();
        } else {
          counters.linked.incrementAndGet();
        }
      } else {
        Path temp = temp(dest);
        try {
          fetch(m, i, origin, hashable, temp, counters);
          Files.move(
              temp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temp);
        }
        counters.copied.incrementAndGet();
      }
      if (verify && hashable) {
        counters.verified.incrementAndGet();
        if (!Arrays.equals(hashOf(dest), hash)) {
          dropCachedCopy(hash, dest);
          Files.deleteIfExists(dest);
          throw new InputException(
              m.path(i)
                  + ": the cached copy did not have the version's content; it was dropped,"
                  + " run again to fetch it from its source");
        }
      }
    } catch (IOException e) {
      throw Failures.io("Could not write " + dest + ": " + e.getMessage(), e);
    }
  }

  /** Forgets the cache's copy when {@code dest} is a link to it: its content is not trusted. */
  private void dropCachedCopy(byte[] hash, Path dest) throws IOException {
    if (cacheDir != null) {
      Path object = objectPath(hash);
      if (Files.exists(object) && Files.isSameFile(object, dest)) {
        Files.deleteIfExists(object);
      }
    }
  }

  private boolean isInPlace(
      Manifest m, int i, Path dest, Manifest previous, Marker marker, boolean hashable, byte[] hash)
      throws IOException {
    if (!Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS)
        || Files.size(dest) != m.fileSize(i)) {
      return false;
    }
    if (cacheDir != null) {
      Path object = objectPath(hash);
      if (Files.exists(object) && Files.isSameFile(object, dest)) {
        return true;
      }
    }
    if (previous != null && marker != null) {
      int p = previous.indexOf(m.path(i));
      if (p >= 0
          && previous.sameHash(p, m, i)
          && Files.getLastModifiedTime(dest).toMillis() <= marker.finished()) {
        return true;
      }
    }
    return hashable && Arrays.equals(hashOf(dest), hash);
  }

  private Path objectPath(byte[] hash) {
    String hex = Hashes.hex(hash);
    return cacheDir.resolve("objects").resolve(hex.substring(0, 2)).resolve(hex);
  }

  /** The cache's copy of entry {@code i}, fetched from the source first if needed. */
  private Path cached(Manifest m, int i, Origin origin, boolean hashable, Counters counters)
      throws IOException {
    Path object = objectPath(m.hash(i));
    if (Files.isRegularFile(object) && Files.size(object) == m.fileSize(i)) {
      return object;
    }
    Files.createDirectories(object.getParent());
    Path temp = temp(object);
    try {
      fetch(m, i, origin, hashable, temp, counters);
      makeReadOnly(temp);
      Files.move(temp, object, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return object;
  }

  private static void makeReadOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    } catch (IOException | UnsupportedOperationException e) {
      // a writable cache file is still a correct one; --verify catches edits
    }
  }

  /** Links {@code object} to {@code dest}, or copies it where links are impossible. */
  private static boolean linkOrCopy(Path object, Path dest) throws IOException {
    Path temp = temp(dest);
    try {
      boolean linked;
      try {
        Files.createLink(temp, object);
        linked = true;
      } catch (UnsupportedOperationException | FileSystemException e) {
        Files.copy(object, temp, StandardCopyOption.REPLACE_EXISTING);
        linked = false;
      }
      Files.move(temp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return linked;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path temp(Path file) {
    return file.resolveSibling(
        "." + file.getFileName() + "." + Thread.currentThread().getId() + TEMP_SUFFIX);
  }

  /** Copies the entry's content from its source to {@code temp}, checking its hash on the way. */
  private void fetch(
      Manifest m, int i, Origin origin, boolean hashable, Path temp, Counters counters)
      throws IOException {
    if (origin == null) {
      throw new InputException(m.path(i) + ": the version does not say where its data is");
    }
    String relative = origin.relative(m.path(i));
    MessageDigest digest = Hashes.sha256();
    long copied = 0;
    try (InputStream in = open(origin, relative);
        OutputStream out = Files.newOutputStream(temp)) {
      byte[] buffer = new byte[256 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        digest.update(buffer, 0, n);
        copied += n;
        if (cancellation.isCancelled()) {
          throw new java.util.concurrent.CancellationException("cancelled");
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException(
          m.path(i) + ": its source " + where(origin, relative) + " no longer exists");
    }
    counters.fetched.incrementAndGet();
    counters.bytesFetched.addAndGet(copied);
    if (copied != m.fileSize(i) || (hashable && !Arrays.equals(digest.digest(), m.hash(i)))) {
      throw new InputException(
          m.path(i)
              + ": its source "
              + where(origin, relative)
              + " changed since the version was"
              + " taken ("
              + (copied != m.fileSize(i)
                  ? copied + " bytes instead of " + m.fileSize(i)
                  : "other content")
              + "); take a new snapshot");
    }
  }

  private static String where(Origin origin, String relative) {
    return origin.isS3()
        ? origin.root() + relative
        : Path.of(origin.root()).resolve(relative).toString();
  }

  private InputStream open(Origin origin, String relative) throws IOException {
    if (!origin.isS3()) {
      Path root = Path.of(origin.root());
      Path file = root.resolve(relative).normalize();
      if (!file.startsWith(root)) {
        throw new InputException("'" + relative + "' is outside its source " + root + "; refused");
      }
      return Files.newInputStream(file);
    }
    S3Location location = S3Location.parse(origin.root());
    try {
      return client().getObject(b -> b.bucket(location.bucket()).key(location.key(relative)));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(origin.root() + relative);
    } catch (SdkException e) {
      throw S3Errors.describe("read", origin.root() + relative, e);
    }
  }

  private synchronized S3Client client() {
    if (client == null) {
      client = (s3 == null ? S3Settings.fromEnvironment() : s3).client();
    }
    return client;
  }

  private synchronized void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private static byte[] hashOf(Path file) throws IOException {
    MessageDigest digest = Hashes.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[256 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }

  /** Deletes what the previous version had and this one has not, and directories left empty. */
  private static long removeStale(Path dir, Manifest previous, Manifest current)
      throws UncheckedIOException {
    long removed = 0;
    Set<Path> parents = new HashSet<>();
    for (int p = 0; p < previous.size(); p++) {
      String path = previous.path(p);
      if (current.indexOf(path) >= 0) {
        continue;
      }
      Path file = dir.resolve(path).normalize();
      if (!file.startsWith(dir)) {
        continue;
      }
      try {
        if (Files.deleteIfExists(file)) {
          removed++;
          parents.add(file.getParent());
        }
      } catch (IOException e) {
        throw Failures.io("Could not remove " + file + ": " + e.getMessage(), e);
      }
    }
    for (Path parent : parents) {
      for (Path d = parent; d != null && d.startsWith(dir) && !d.equals(dir); d = d.getParent()) {
        try {
          Files.delete(d);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
          break;
        } catch (IOException e) {
          break;
        }
      }
    }
    return removed;
  }

  private static long countExtra(Path dir, Manifest manifest) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString().replace('\\', '/'))
          .filter(p -> !p.equals(Marker.FILE) && !p.endsWith(TEMP_SUFFIX))
          .filter(p -> manifest.indexOf(p) < 0)
          .count();
    } catch (IOException e) {
      return 0;
    }
  }
}
