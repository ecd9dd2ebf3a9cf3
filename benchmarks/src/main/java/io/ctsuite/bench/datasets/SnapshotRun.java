package io.ctsuite.bench.datasets;

import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Snapshots a tree inside one warm JVM, as a Jenkins agent does: a cold snapshot (empty stat
 * cache), then re-snapshots with nothing changed. Separates the model's own time from the `ct`
 * command's JVM start.
 *
 * <pre>SnapshotRun TREE [ROUNDS]</pre>
 */
public final class SnapshotRun {
  private SnapshotRun() {}

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) throws IOException {
    Path tree = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path cache = Files.createTempDirectory("ct-snapshot-run");
    try {
      Snapshotter snapshotter =
          new Snapshotter(new SnapshotOptions().exclude(".git"), cache, null, null);
      long started = System.nanoTime();
      long cpu = cpuNanos();
      SnapshotResult cold = snapshotter.snapshotDirectory(tree);
      double coldSeconds = (System.nanoTime() - started) / 1e9;
      double coldCpu = (cpuNanos() - cpu) / 1e9;
      System.out.printf(
          "in-process cold snapshot: %.2f s wall, %.2f s cpu (%,d files, %,d bytes hashed)%n",
          coldSeconds, coldCpu, cold.hashedFiles(), cold.hashedBytes());
      double best = Double.MAX_VALUE;
      double bestCpu = 0;
      for (int r = 0; r < rounds; r++) {
        started = System.nanoTime();
        cpu = cpuNanos();
        SnapshotResult warm = snapshotter.snapshotDirectory(tree);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (seconds < best) {
          best = seconds;
          bestCpu = (cpuNanos() - cpu) / 1e9;
        }
        if (warm.hashedFiles() != 0 || !warm.manifest().id().equals(cold.manifest().id())) {
          throw new IllegalStateException("the tree changed during the benchmark");
        }
      }
      System.out.printf(
          "in-process re-snapshot, nothing changed: best of %d %.2f s wall, %.2f s cpu%n",
          rounds, best, bestCpu);
      System.out.printf(
          "RESULT inproc_cold=%.3f,%.3f inproc_warm=%.3f,%.3f%n",
          coldSeconds, coldCpu, best, bestCpu);
    } finally {
      try (Stream<Path> files = Files.walk(cache)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
