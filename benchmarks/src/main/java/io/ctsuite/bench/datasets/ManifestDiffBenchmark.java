package io.ctsuite.bench.datasets;

import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.ManifestDiff;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The diff of two versions of a 1,000,000-entry dataset (1 % modified, 1 % removed, 0.5 % renamed,
 * 2 % added), summarized per source and label: what `ct dataset diff` and a change policy do. Goal:
 * under 2 s. {@code bench/datasets.sh} runs the measured {@link ManifestScale} instead; this is the
 * same work under JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ManifestDiffBenchmark {
  @Param("1000000")
  int entries;

  Manifest before;
  Manifest after;

  @Setup
  public void versions() {
    before = ManifestScale.generate(entries, false);
    after = ManifestScale.generate(entries, true);
  }

  @Benchmark
  public DatasetChange diff() {
    return ManifestDiff.between(before, after).summarize("bench", "v1", "v2", null);
  }
}
