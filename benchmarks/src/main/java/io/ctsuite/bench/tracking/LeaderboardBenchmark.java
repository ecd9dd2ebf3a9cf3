package io.ctsuite.bench.tracking;

import io.ctsuite.bench.BenchFiles;
import io.ctsuite.tracking.query.IndexView;
import io.ctsuite.tracking.query.Leaderboard;
import io.ctsuite.tracking.query.RunIndex;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import io.ctsuite.tracking.store.RunJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A leaderboard over {@code runs} runs (default 30,000) of one family with 50 metrics each, ranked
 * by one metric and filtered by {@code lr < 0.05 and tags.arch == 'resnet50'} or by {@code lr <
 * 0.05}:
 *
 * <ul>
 *   <li>{@link #cold}: a fresh {@link RunIndex} opened from its file (mapped, checked against every
 *       run directory's run.json stamp) and the query answered: what {@code ct track leaderboard}
 *       does once the index exists;
 *   <li>{@link #warm}: the query alone on an open index (a Jenkins page asking again).
 * </ul>
 *
 * The baseline without an index, reading every run.json, is the index build; {@link #main} times it
 * when it generates the runs. The runs are written once, by {@code main generate DIR RUNS} (or in
 * setup when {@code dataDir} is empty), with plain writes: generating them is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class LeaderboardBenchmark {
  static final int METRICS = 50;

  @Param({"30000"})
  public int runs;

  /** Runs written beforehand by {@link #main}; empty: generate them in setup (and delete them). */
  @Param({""})
  public String dataDir;

  /** A filter with a tag comparison, and one on a number only. */
  @Param({"lr < 0.05 and tags.arch == 'resnet50'", "lr < 0.05"})
  public String where;

  private Path dir;
  private boolean generated;
  private RunIndex warmIndex;

  @Setup
  public void open() throws IOException {
    if (dataDir.isEmpty()) {
      dir = BenchFiles.tempDir("leaderboard");
      generated = true;
      generate(dir, runs);
    } else {
      dir = Path.of(dataDir);
    }
    warmIndex = RunIndex.open(dir);
  }

  @TearDown
  public void delete() {
    if (generated) {
      BenchFiles.delete(dir);
    }
  }

  /** Writes {@code runs} run.json files of one family with 50 metric summaries each. */
  static void generate(Path dir, int runs) throws IOException {
    Random random = new Random(7);
    String[] archs = {"resnet50", "resnet18", "vit-b", "convnext"};
    for (int r = 0; r < runs; r++) {
      String id = String.format("run-%06d", r);
      RunSummary.Builder b =
          RunSummary.builder(id)
              .family("big")
              .status(RunStatus.FINISHED)
              .startedAt(1_700_000_000_000L + r * 1000L)
              .endedAt(1_700_000_000_000L + r * 1000L + 3_600_000L)
              .param("lr", Math.pow(10, -4 + 3 * random.nextDouble()))
              .param("batch_size", 16L << random.nextInt(4))
              .param("optimizer", random.nextBoolean() ? "adam" : "sgd")
              .param("epochs", 30L)
              .tag("arch", archs[random.nextInt(archs.length)]);
      for (int m = 0; m < METRICS; m++) {
        double last = random.nextDouble();
        double min = last * random.nextDouble();
        double max = last + (1 - last) * random.nextDouble();
        b.metric(
            "metric_" + m,
            new MetricSummary(
                100, min, last, min, max, 0, 99, random.nextInt(100), random.nextInt(100), 0));
      }
      Path runDir = Files.createDirectories(dir.resolve(id));
      Files.write(runDir.resolve("run.json"), RunJson.toBytes(b.build()));
    }
  }

  private Leaderboard.Query query() {
    return new Leaderboard.Query("big", "metric_7", Goal.MAX, ValueKind.BEST, where, 0, 20);
  }

  @Benchmark
  @Warmup(iterations = 1, time = 2)
  @Measurement(iterations = 3, time = 3)
  public Leaderboard.Page cold() {
    RunIndex index = RunIndex.open(dir);
    if (index.lastRefresh().changedAnything()) {
      throw new IllegalStateException("the index should be up to date");
    }
    return Leaderboard.rank(index.view(), query());
  }

  @Benchmark
  @Warmup(iterations = 2, time = 1)
  @Measurement(iterations = 3, time = 2)
  public Leaderboard.Page warm() {
    IndexView view = warmIndex.view();
    return Leaderboard.rank(view, query());
  }

  /**
   * {@code generate DIR RUNS}: writes the runs, then builds the index from every run.json (the
   * no-index baseline) and prints both times.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3 || !args[0].equals("generate")) {
      System.err.println("usage: LeaderboardBenchmark generate DIR RUNS");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[1]));
    int runs = Integer.parseInt(args[2]);
    long start = System.nanoTime();
    generate(dir, runs);
    System.out.printf(
        "generated %d runs x %d metrics in %.1f s%n",
        runs, METRICS, (System.nanoTime() - start) / 1e9);
    long build = System.nanoTime();
    RunIndex index = RunIndex.open(dir);
    System.out.printf(
        "index build (reads every run.json: the no-index baseline): %.0f ms for %d runs,"
            + " index file %d bytes%n",
        (System.nanoTime() - build) / 1e6,
        index.view().size(),
        Files.size(dir.resolve(".index/runs.idx")));
  }
}
