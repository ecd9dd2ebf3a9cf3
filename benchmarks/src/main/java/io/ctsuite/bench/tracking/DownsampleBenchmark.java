package io.ctsuite.bench.tracking;

import io.ctsuite.tracking.chart.Downsampler;
import io.ctsuite.tracking.run.MetricSeries;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Downsampling a 1,000,000-point noisy curve to 1,000 points (LTTB and min/max buckets, extremes
 * kept), against the baseline of one plain pass over the values (finding min and max), the floor
 * any thinning pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class DownsampleBenchmark {
  static final int POINTS = 1_000_000;

  private MetricSeries series;

  @Setup
  public void generate() {
    series = noisyCurve();
  }

  /** A decaying noisy curve of a million points. */
  static MetricSeries noisyCurve() {
    long[] steps = new long[POINTS];
    long[] times = new long[POINTS];
    double[] values = new double[POINTS];
    Random random = new Random(1);
    for (int i = 0; i < POINTS; i++) {
      steps[i] = i;
      times[i] = 1_700_000_000_000L + i;
      values[i] = Math.exp(-i / 200_000.0) + random.nextGaussian() * 0.02;
    }
    return new MetricSeries("loss", steps, times, values);
  }

  @Benchmark
  public MetricSeries lttb() {
    return Downsampler.lttb(series, 1000);
  }

  @Benchmark
  public MetricSeries minMax() {
    return Downsampler.minMax(series, 1000);
  }

  @Benchmark
  public double onePass() {
    return onePass(series);
  }

  static double onePass(MetricSeries series) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < series.size(); i++) {
      double v = series.value(i);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }
}
