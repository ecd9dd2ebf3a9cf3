package io.ctsuite.bench.promotion;

import io.ctsuite.promotion.stats.Interval;
import io.ctsuite.promotion.stats.PairedBootstrap;
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
 * The gate's paired bootstrap: 10,000 resamples over 100,000 examples, for per-example scores and
 * for correct/incorrect results. bench/promotion.sh compares the same work with scipy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class PairedBootstrapBenchmark {
  @Param({"scores", "correct"})
  public String kind;

  @Param({"100000"})
  public int examples;

  @Param({"10000"})
  public int resamples;

  private BootstrapData data;

  @Setup
  public void generate() {
    data = BootstrapData.generate(kind, examples, 20_240_601L);
  }

  @Benchmark
  public Interval pairedBootstrap() {
    return new PairedBootstrap(resamples, 0.05, 7).meanDifference(data.candidate, data.baseline);
  }
}
