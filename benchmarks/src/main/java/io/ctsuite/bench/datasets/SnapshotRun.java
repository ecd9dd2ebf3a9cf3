package io.ctsuite.bench.datasets;

import io.ctsuite.bench.BenchFiles;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.snapshot.Snapshotter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times the snapshot engine inside one running JVM, as a Jenkins agent or controller runs it for
 * the dataset trigger, and as JMH would: the JIT is warmed up first on a separate tree with its own
 * stat cache, then each measure is the best of a few rounds.
 *
 * <pre>
 * SnapshotRun unchanged WARMUP TREE CACHE ROUNDS
 *     cold snapshots of TREE (each with a new, empty stat cache), then re-snapshots with nothing
 *     changed; leaves the stat cache of the last cold round in CACHE
 * SnapshotRun changed WARMUP TREE CACHE ROUNDS
 *     re-snapshots of TREE after some files changed, each round starting from the stat cache in
 *     CACHE as the earlier run left it (so every round hashes the changed files again)
 * </pre>
 *
 * Prints "RESULT name=WALL,CPU" lines in seconds; CPU is the whole process's CPU time over the
 * round, so it includes the JIT's and the garbage collector's threads.
 */
public final class SnapshotRun {
  private static final int WARMUP_ROUNDS = 3;
  private static final int WARMUP_RESNAPSHOTS = 6;

  private SnapshotRun() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 5 || !List.of("unchanged", "changed").contains(args[0])) {
      System.err.println("usage: SnapshotRun unchanged|changed WARMUP TREE CACHE ROUNDS");
      System.exit(2);
    }
    Path warmup = Path.of(args[1]);
    Path tree = Path.of(args[2]);
    Path cache = Path.of(args[3]);
    int rounds = Integer.parseInt(args[4]);
    warmUp(warmup);
    if (args[0].equals("unchanged")) {
      unchanged(tree, cache, rounds);
    } else {
      changed(tree, cache, rounds);
    }
  }

  /** Runs cold and warm snapshots of another tree so that the measured rounds run compiled code. */
  private static void warmUp(Path warmup) throws IOException {
    Path cache = BenchFiles.tempDir("snapshot-warmup");
    try {
      // a cold snapshot, then re-snapshots: the JIT compiles the paths of both measures (the
      // re-snapshot's code settles only after several rounds)
      for (int r = 0; r < WARMUP_ROUNDS; r++) {
        BenchFiles.delete(cache);
        Files.createDirectories(cache);
        snapshotter(cache).snapshotDirectory(warmup);
        for (int again = 0; again < WARMUP_RESNAPSHOTS; again++) {
          snapshotter(cache).snapshotDirectory(warmup);
        }
      }
    } finally {
      BenchFiles.delete(cache);
    }
  }

  private static void unchanged(Path tree, Path cache, int rounds) throws IOException {
    Round cold = null;
    SnapshotResult first = null;
    for (int r = 0; r < rounds; r++) {
      BenchFiles.delete(cache);
      Files.createDirectories(cache);
      Round round = Round.time(() -> snapshotter(cache).snapshotDirectory(tree));
      first = round.result;
      cold = Round.best(cold, round);
    }
    System.out.printf(
        "in-process cold snapshot (empty stat cache): best of %d %.2f s wall, %.2f s cpu"
            + " (%,d files, %,d bytes hashed)%n",
        rounds, cold.wall, cold.cpu, first.hashedFiles(), first.hashedBytes());
    Round warm = null;
    for (int r = 0; r < rounds; r++) {
      Round round = Round.time(() -> snapshotter(cache).snapshotDirectory(tree));
      if (round.result.hashedFiles() != 0
          || !round.result.manifest().id().equals(first.manifest().id())) {
        throw new IllegalStateException("the tree changed during the benchmark");
      }
      warm = Round.best(warm, round);
    }
    System.out.printf(
        "in-process re-snapshot, nothing changed: best of %d %.2f s wall, %.2f s cpu%n",
        rounds, warm.wall, warm.cpu);
    System.out.printf(
        "RESULT inproc_cold=%.3f,%.3f inproc_warm=%.3f,%.3f%n",
        cold.wall, cold.cpu, warm.wall, warm.cpu);
  }

  private static void changed(Path tree, Path cache, int rounds) throws IOException {
    Path saved = BenchFiles.tempDir("snapshot-cache");
    try {
      copyTree(cache, saved);
      Round best = null;
      for (int r = 0; r < rounds; r++) {
        BenchFiles.delete(cache);
        copyTree(saved, cache);
        Round round = Round.time(() -> snapshotter(cache).snapshotDirectory(tree));
        if (round.result.hashedFiles() == 0) {
          throw new IllegalStateException("nothing changed since the stat cache was written");
        }
        best = Round.best(best, round);
      }
      System.out.printf(
          "in-process re-snapshot, %,d files changed: best of %d %.2f s wall, %.2f s cpu%n",
          best.result.hashedFiles(), rounds, best.wall, best.cpu);
      System.out.printf("RESULT inproc_changed=%.3f,%.3f%n", best.wall, best.cpu);
    } finally {
      BenchFiles.delete(saved);
    }
  }

  private static Snapshotter snapshotter(Path cache) {
    return new Snapshotter(new SnapshotOptions().exclude(".git"), cache, null, null);
  }

  /** One timed snapshot. */
  private record Round(double wall, double cpu, SnapshotResult result) {
    static Round time(java.util.function.Supplier<SnapshotResult> snapshot) {
      long started = System.nanoTime();
      long cpu = cpuNanos();
      SnapshotResult result = snapshot.get();
      return new Round((System.nanoTime() - started) / 1e9, (cpuNanos() - cpu) / 1e9, result);
    }

    static Round best(Round best, Round round) {
      return best == null || round.wall < best.wall ? round : best;
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
