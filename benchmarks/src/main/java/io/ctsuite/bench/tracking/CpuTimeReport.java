package io.ctsuite.bench.tracking;

import io.ctsuite.bench.BenchFiles;
import io.ctsuite.tracking.chart.Downsampler;
import io.ctsuite.tracking.run.MetricSeries;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The single-core figures measured in CPU time of the working thread rather than wall time, next to
 * the same baselines as the JMH benchmarks: on a machine shared with other work, wall time measures
 * the queue for the CPU, while thread CPU time measures the code. Each workload runs {@code rounds}
 * times after a warm-up; the best round is reported (least disturbed by caches and other
 * processes). Prints one line per workload: {@code name value unit baseline ratio}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.ctsuite.bench.tracking.CpuTimeReport [rounds]
 * [event-file-MB]}
 */
public final class CpuTimeReport {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimeReport() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 150;
    Path dir = BenchFiles.tempDir("cputime");
    try {
      Path events = EventFileBenchmark.writeEventFile(dir, megabytes * 1_000_000L);
      double eventMb = Files.size(events) / 1e6;
      double parse = best(rounds, () -> EventFileBenchmark.parse(events));
      double read = best(rounds, () -> EventFileBenchmark.plainRead(events));
      line("tfevents-parse", eventMb / parse, "MB/s", eventMb / read, "plain read");

      byte[] jsonl = LineStreamBenchmark.generateJsonLines();
      double json = best(rounds, () -> LineStreamBenchmark.jsonLines(jsonl));
      double jsonSplit = best(rounds, () -> LineStreamBenchmark.splitOnly(jsonl));
      line(
          "jsonl-ingest",
          LineStreamBenchmark.JSON_LINES / json / 1e6,
          "Mpoints/s",
          LineStreamBenchmark.JSON_LINES / jsonSplit / 1e6,
          "line split");

      byte[] log = LineStreamBenchmark.generateLog();
      double logMb = log.length / 1e6;
      double scan = best(rounds, () -> LineStreamBenchmark.serviceMessages(log));
      double logSplit = best(rounds, () -> LineStreamBenchmark.splitOnly(log));
      line("service-message-scan", logMb / scan, "MB/s", logMb / logSplit, "line split");

      MetricSeries curve = DownsampleBenchmark.noisyCurve();
      double lttb = best(rounds, () -> Downsampler.lttb(curve, 1000));
      double minMax = best(rounds, () -> Downsampler.minMax(curve, 1000));
      double pass = best(rounds, () -> DownsampleBenchmark.onePass(curve));
      line("downsample-lttb-1M-to-1000", lttb * 1000, "ms", pass * 1000, "one pass (ms)");
      line("downsample-minmax-1M-to-1000", minMax * 1000, "ms", pass * 1000, "one pass (ms)");
    } finally {
      BenchFiles.delete(dir);
    }
  }

  /** The least CPU time of a round, in seconds, after one warm-up round. */
  private static double best(int rounds, Callable<?> work) throws Exception {
    work.call();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      long start = THREADS.getCurrentThreadCpuTime();
      Object result = work.call();
      long used = THREADS.getCurrentThreadCpuTime() - start;
      if (result == null) {
        throw new IllegalStateException("no result");
      }
      best = Math.min(best, used / 1e9);
    }
    return best;
  }

  private static void line(String name, double value, String unit, double baseline, String of) {
    System.out.printf(
        "%-30s %10.2f %-10s baseline %-14s %10.2f  ratio %.2f%n",
        name, value, unit, of, baseline, value / baseline);
  }
}
