package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.Progress;
import io.ctsuite.datasets.EntryPaths;
import io.ctsuite.datasets.Failures;
import io.ctsuite.datasets.Hashes;
import io.ctsuite.datasets.store.S3Errors;
import io.ctsuite.datasets.store.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the objects under an S3 prefix and identifies them by ETag and size (no download), or, when
 * asked, downloads and hashes them with SHA-256 on many threads. A download is conditional on the
 * ETag the listing saw, so an object replaced meanwhile is noticed and fetched again.
 */
final class S3Scanner {
  private final S3Client client;
  private final S3Location location;
  private final Excludes excludes;
  private final Cancellation cancellation;
  private final Progress progress;

  S3Scanner(
      S3Client client,
      S3Location location,
      Excludes excludes,
      Cancellation cancellation,
      Progress progress) {
    this.client = client;
    this.location = location;
    this.excludes = excludes;
    this.cancellation = cancellation;
    this.progress = progress;
  }

  List<FoundFile> list() {
    List<FoundFile> found = new ArrayList<>();
    ProgressThrottle throttle = new ProgressThrottle();
    try {
      for (S3Object object :
          client
              .listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.prefix()))
              .contents()) {
        cancellation.check();
        String key = object.key();
        String path = key.substring(location.prefix().length());
        if (path.isEmpty() || path.endsWith("/")) {
          continue; // a "folder" marker, not data: no file can have this name
        }
        EntryPaths.check(path, "S3 key under " + location);
        if (excludes.excludes(path)) {
          continue;
        }
        long mtimeNanos = object.lastModified().toEpochMilli() * 1_000_000L;
        FoundFile file =
            new FoundFile(path, null, object.size(), mtimeNanos, etagKey(object.eTag()));
        file.etag(object.eTag());
        found.add(file);
        if (throttle.due()) {
          progress.update("Listing " + location, found.size(), -1, 0, 0);
        }
      }
    } catch (SdkException e) {
      throw S3Errors.describe("list", location.toString(), e);
    }
    progress.update("Listing " + location, found.size(), found.size(), 0, 0);
    return found;
  }

  /** A number that changes when the ETag does, kept where local files keep their inode identity. */
  static long etagKey(String etag) {
    byte[] digest = Hashes.sha256((etag == null ? "" : etag).getBytes(StandardCharsets.UTF_8));
    long value = 0;
    for (int k = 0; k < 8; k++) {
      value = (value << 8) | (digest[k] & 0xff);
    }
    return value;
  }

  /** The hash column of an object identified by ETag and size. */
  static byte[] etagHash(String etag, long size) {
    return Hashes.sha256(
        ("s3-etag\0" + (etag == null ? "" : etag) + "\0" + size).getBytes(StandardCharsets.UTF_8));
  }

  void hashAll(
      List<FoundFile> todo,
      int threads,
      int attempts,
      Queue<SnapshotProblem> problems,
      AtomicLong bytes) {
    ProgressThrottle throttle = new ProgressThrottle();
    AtomicLong done = new AtomicLong();
    long totalBytes = todo.stream().mapToLong(FoundFile::size).sum();
    ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Hashes::sha256);
    ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[256 * 1024]);
    ParallelWork.run(
        todo.size(),
        threads,
        cancellation,
        "ct-s3-hash",
        i -> {
          hash(todo.get(i), attempts, problems, bytes, digests.get(), buffers.get());
          long n = done.incrementAndGet();
          if (throttle.due()) {
            progress.update("Hashing", n, todo.size(), bytes.get(), totalBytes);
          }
        });
    progress.update("Hashing", done.get(), todo.size(), bytes.get(), totalBytes);
  }

  private void hash(
      FoundFile file,
      int attempts,
      Queue<SnapshotProblem> problems,
      AtomicLong bytes,
      MessageDigest digest,
      byte[] buffer) {
    String key = location.key(file.path());
    for (int attempt = 0; attempt < attempts; attempt++) {
      digest.reset();
      long read = 0;
      try (InputStream in =
          client.getObject(b -> b.bucket(location.bucket()).key(key).ifMatch(file.etag()))) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          digest.update(buffer, 0, n);
          read += n;
          bytes.addAndGet(n);
          if (cancellation.isCancelled()) {
            return;
          }
        }
        if (read == file.size()) {
          file.hash(digest.digest());
          return;
        }
      } catch (NoSuchKeyException e) {
        problems.add(vanished(file));
        return;
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          problems.add(vanished(file));
          return;
        }
        if (e.statusCode() != 412) {
          throw S3Errors.describe("read", "s3://" + location.bucket() + "/" + key, e);
        }
      } catch (SdkException e) {
        throw S3Errors.describe("read", "s3://" + location.bucket() + "/" + key, e);
      } catch (IOException e) {
        throw Failures.io(
            "Could not read s3://" + location.bucket() + "/" + key + ": " + e.getMessage(), e);
      }
      // replaced since the listing: take its new identity and read it again
      try {
        HeadObjectResponse head = client.headObject(b -> b.bucket(location.bucket()).key(key));
        file.restat(
            head.contentLength(),
            head.lastModified().toEpochMilli() * 1_000_000L,
            etagKey(head.eTag()));
        file.etag(head.eTag());
      } catch (NoSuchKeyException e) {
        problems.add(vanished(file));
        return;
      } catch (SdkException e) {
        throw S3Errors.describe("read", "s3://" + location.bucket() + "/" + key, e);
      }
    }
    problems.add(
        new SnapshotProblem(
            SnapshotProblem.Kind.CHANGING,
            file.path(),
            "changed while it was read, " + attempts + " times; is an upload still running?"));
  }

  private static SnapshotProblem vanished(FoundFile file) {
    return new SnapshotProblem(
        SnapshotProblem.Kind.VANISHED, file.path(), "vanished during the snapshot (left out)");
  }
}
