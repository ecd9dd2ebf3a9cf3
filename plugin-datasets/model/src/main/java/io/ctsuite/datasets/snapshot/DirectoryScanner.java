package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.Progress;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.LongAdder;

/**
 * Walks a directory tree on several threads (one task per directory), applying excludes and the
 * symbolic link rule: not followed (reported), or followed with loop detection against the
 * directories on the way down.
 */
final class DirectoryScanner {
  private final Path root;
  private final boolean follow;
  private final Excludes excludes;
  private final Cancellation cancellation;
  private final Progress progress;
  private final Queue<FoundFile> found = new ConcurrentLinkedQueue<>();
  private final Queue<SnapshotProblem> problems;
  private final LongAdder count =
      new LongAdder(); // one cell per thread: no shared counter per file
  private final ProgressThrottle throttle = new ProgressThrottle();

  DirectoryScanner(
      Path root,
      boolean follow,
      Excludes excludes,
      Cancellation cancellation,
      Progress progress,
      Queue<SnapshotProblem> problems) {
    this.root = root;
    this.follow = follow;
    this.excludes = excludes;
    this.cancellation = cancellation;
    this.progress = progress;
    this.problems = problems;
  }

  List<FoundFile> scan(ForkJoinPool pool) throws IOException {
    FileStat rootStat = FileStat.of(root, true);
    if (rootStat.type() != FileStat.Type.DIRECTORY) {
      throw new NotDirectoryException(root.toString());
    }
    pool.invoke(new DirectoryTask(root, "", new Ancestors(rootStat.key(), null)));
    progress.update("Scanning " + root, count.sum(), count.sum(), 0, 0);
    return new ArrayList<>(found);
  }

  /** The directories above a task, for loop detection when following links. */
  private record Ancestors(Object key, Ancestors parent) {
    boolean contains(Object other) {
      for (Ancestors a = this; a != null; a = a.parent) {
        if (a.key != null && a.key.equals(other)) {
          return true;
        }
      }
      return false;
    }
  }

  private final class DirectoryTask extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient Path dir;
    private final String prefix;
    private final transient Ancestors ancestors;

    DirectoryTask(Path dir, String prefix, Ancestors ancestors) {
      this.dir = dir;
      this.prefix = prefix;
      this.ancestors = ancestors;
    }

    @Override
    protected void compute() {
      cancellation.check();
      List<DirectoryTask> subdirectories = new ArrayList<>();
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
        for (Path child : children) {
          visit(child, subdirectories);
        }
      } catch (AccessDeniedException e) {
        problems.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.UNREADABLE, display(), "permission denied (directory)"));
      } catch (NoSuchFileException e) {
        problems.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.VANISHED,
                display(),
                "the directory vanished during the scan"));
      } catch (IOException e) {
        problems.add(new SnapshotProblem(SnapshotProblem.Kind.UNREADABLE, display(), e.toString()));
      }
      if (throttle.due()) {
        progress.update("Scanning " + root, count.sum(), -1, 0, 0);
      }
      invokeAll(subdirectories);
    }

    private String display() {
      return prefix.isEmpty() ? "." : prefix.substring(0, prefix.length() - 1);
    }

    private void visit(Path child, List<DirectoryTask> subdirectories) {
      String name = child.getFileName().toString();
      String path = prefix + name;
      if (excludes.excludes(path, name)) {
        return;
      }
      FileStat stat;
      try {
        stat = FileStat.of(child, false);
        if (stat.type() == FileStat.Type.SYMLINK) {
          if (!follow) {
            problems.add(
                new SnapshotProblem(
                    SnapshotProblem.Kind.SYMLINK_SKIPPED, path, "symbolic link not followed"));
            return;
          }
          stat = followLink(child, path);
          if (stat == null) {
            return;
          }
        }
      } catch (NoSuchFileException e) {
        return; // gone between the listing and the stat: not part of this snapshot
      } catch (IOException e) {
        problems.add(new SnapshotProblem(SnapshotProblem.Kind.UNREADABLE, path, e.toString()));
        return;
      }
      switch (stat.type()) {
        case DIRECTORY -> {
          if (ancestors.contains(stat.key())) {
            problems.add(
                new SnapshotProblem(
                    SnapshotProblem.Kind.SYMLINK_LOOP,
                    path,
                    "symbolic link loop: leads back to a directory above it"));
          } else {
            subdirectories.add(
                new DirectoryTask(child, path + "/", new Ancestors(stat.key(), ancestors)));
          }
        }
        case FILE -> {
          found.add(new FoundFile(path, child, stat.size(), stat.mtimeNanos(), stat.identity()));
          count.increment();
        }
        default ->
            problems.add(
                new SnapshotProblem(
                    SnapshotProblem.Kind.SPECIAL_FILE, path, "not a regular file (skipped)"));
      }
    }

    private FileStat followLink(Path child, String path) throws IOException {
      try {
        return FileStat.of(child, true);
      } catch (NoSuchFileException e) {
        problems.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.DANGLING_LINK, path, "symbolic link to nothing (skipped)"));
      } catch (FileSystemException e) {
        String reason = e.getReason() == null ? "" : e.getReason();
        if (!reason.contains("levels of symbolic links")) {
          throw e;
        }
        problems.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.SYMLINK_LOOP, path, "symbolic link loop: " + reason));
      }
      return null;
    }
  }
}
