package io.ctsuite.bench.tracking;

import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.system.GpuSource;
import io.ctsuite.tracking.system.ProcReader;
import io.ctsuite.tracking.system.SystemMonitor;
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
 * The system monitor's own cost: one sample of this host's /proc (CPU, memory, network, disks). At
 * the default 5 s interval the share of one core is the sample time divided by 5 s; the GPU part is
 * a separate nvidia-smi process looping on its own and is not in this figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SystemSampleBenchmark {
  private SystemMonitor monitor;
  private final long[] points = {0};

  @Setup
  public void open() {
    CaptureSink sink = p -> points[0]++;
    monitor = new SystemMonitor(ProcReader.host(), GpuSource.NONE, sink, System::currentTimeMillis);
  }

  @Benchmark
  public long sample() {
    monitor.sample();
    return points[0];
  }
}
