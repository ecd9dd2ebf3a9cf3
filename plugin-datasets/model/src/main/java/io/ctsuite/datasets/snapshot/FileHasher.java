package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.Progress;
import io.ctsuite.datasets.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hashes local files with SHA-256 on every core (the JDK's SHA-256 uses the CPU's SHA instructions
 * where there are some). After reading a file it stats it again: if the size, time or inode moved,
 * the file changed while it was read, and it is read again, up to a limit.
 */
final class FileHasher {
  private static final int BUFFER = 256 * 1024;

  private final int threads;
  private final int attempts;
  private final boolean follow;
  private final Cancellation cancellation;
  private final Progress progress;
  private final Queue<SnapshotProblem> problems;
  final AtomicLong files = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();

  FileHasher(
      int threads,
      int attempts,
      boolean follow,
      Cancellation cancellation,
      Progress progress,
      Queue<SnapshotProblem> problems) {
    this.threads = threads;
    this.attempts = attempts;
    this.follow = follow;
    this.cancellation = cancellation;
    this.progress = progress;
    this.problems = problems;
  }

  void hashAll(List<FoundFile> todo, long totalBytes) {
    ProgressThrottle throttle = new ProgressThrottle();
    ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Hashes::sha256);
    ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    int total = todo.size();
    ParallelWork.run(
        total,
        threads,
        cancellation,
        "ct-hash",
        i -> {
          hash(todo.get(i), digests.get(), buffers.get());
          long done = files.incrementAndGet();
          if (throttle.due()) {
            progress.update("Hashing", done, total, bytes.get(), totalBytes);
          }
        });
    progress.update("Hashing", files.get(), total, bytes.get(), totalBytes);
  }

  private void hash(FoundFile file, MessageDigest digest, byte[] buffer) {
    for (int attempt = 0; attempt < attempts; attempt++) {
      digest.reset();
      long read = 0;
      try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ)) {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        int n;
        // stop at the size the scan saw: the stat after reading tells whether the file grew, so
        // the read that would only report the end of the file is saved
        while (read < file.size() && (n = channel.read(wrapped)) >= 0) {
          if (n > 0) {
            digest.update(buffer, 0, n);
            read += n;
            bytes.addAndGet(n);
          }
          wrapped.clear();
          if (cancellation.isCancelled()) {
            return;
          }
        }
      } catch (NoSuchFileException e) {
        problems.add(vanished(file));
        return;
      } catch (AccessDeniedException e) {
        problems.add(
            new SnapshotProblem(SnapshotProblem.Kind.UNREADABLE, file.path(), "permission denied"));
        return;
      } catch (IOException e) {
        problems.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.UNREADABLE, file.path(), "could not read: " + e.getMessage()));
        return;
      }
      FileStat after;
      try {
        after = FileStat.of(file.file(), follow);
      } catch (NoSuchFileException e) {
        problems.add(vanished(file));
        return;
      } catch (IOException e) {
        problems.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.UNREADABLE, file.path(), "could not stat: " + e.getMessage()));
        return;
      }
      if (after.sameAs(file.size(), file.mtimeNanos(), file.identity()) && read == file.size()) {
        file.hash(digest.digest());
        return;
      }
      file.restat(after.size(), after.mtimeNanos(), after.identity());
    }
    problems.add(
        new SnapshotProblem(
            SnapshotProblem.Kind.CHANGING,
            file.path(),
            "changed while it was read, " + attempts + " times; is a copy still running?"));
  }

  private static SnapshotProblem vanished(FoundFile file) {
    return new SnapshotProblem(
        SnapshotProblem.Kind.VANISHED, file.path(), "vanished during the snapshot (left out)");
  }
}
