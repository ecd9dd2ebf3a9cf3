package io.ctsuite.tracking.system;

import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.run.MetricPoint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records the host's state every interval (default 5 s) while a command or block runs: CPU %,
 * memory used, network and disk traffic since the start (from {@code /proc}), and per GPU
 * utilisation, memory, power and temperature (from {@link GpuSource}). Without a GPU it records the
 * rest; without {@code /proc} (not Linux) it records GPUs only.
 *
 * <p>Keys: {@code sys/cpu_percent}, {@code sys/mem_used_mib}, {@code sys/mem_percent}, {@code
 * sys/net_recv_mib}, {@code sys/net_sent_mib}, {@code sys/disk_read_mib}, {@code
 * sys/disk_write_mib}, {@code gpu<i>/util_percent}, {@code gpu<i>/mem_used_mib}, {@code
 * gpu<i>/mem_percent}, {@code gpu<i>/power_w}, {@code gpu<i>/temp_c}. The step is the sample
 * number. A sample reads four small files: well below 1 % of a core at any sensible interval.
 */
public final class SystemMonitor implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  private static final double MIB = 1024.0 * 1024.0;

  private final ProcReader proc;
  private final GpuSource gpus;
  private final CaptureSink sink;
  private final LongSupplier clock;
  private ScheduledExecutorService timer;
  private HostCounters first;
  private HostCounters previous;
  private long step;

  public SystemMonitor(ProcReader proc, GpuSource gpus, CaptureSink sink, LongSupplier clock) {
    this.proc = Objects.requireNonNull(proc, "proc");
    this.gpus = Objects.requireNonNull(gpus, "gpus");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts sampling every {@code interval} on a daemon thread; the first sample is immediate. */
  public synchronized SystemMonitor start(Duration interval) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ct-system-monitor");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(10, interval.toMillis());
    timer.scheduleAtFixedRate(this::sampleQuietly, 0, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException e) {
      // a reading that fails once must not end the monitoring of a long run
    }
  }

  /** Takes one sample now and reports it. */
  public synchronized void sample() {
    long now = clock.getAsLong();
    long s = step++;
    if (proc.available()) {
      HostCounters c = proc.read();
      if (first == null) {
        first = c;
      }
      if (previous != null) {
        emit("sys/cpu_percent", s, now, c.cpuPercentSince(previous));
      }
      previous = c;
      if (c.memTotalBytes() > 0) {
        emit("sys/mem_used_mib", s, now, c.memUsedBytes() / MIB);
        emit("sys/mem_percent", s, now, 100.0 * c.memUsedBytes() / c.memTotalBytes());
      }
      emit("sys/net_recv_mib", s, now, (c.netReceivedBytes() - first.netReceivedBytes()) / MIB);
      emit("sys/net_sent_mib", s, now, (c.netSentBytes() - first.netSentBytes()) / MIB);
      emit("sys/disk_read_mib", s, now, (c.diskReadBytes() - first.diskReadBytes()) / MIB);
      emit("sys/disk_write_mib", s, now, (c.diskWrittenBytes() - first.diskWrittenBytes()) / MIB);
    }
    List<GpuSample> readings = gpus.latest();
    for (GpuSample g : readings) {
      String p = "gpu" + g.index() + "/";
      emit(p + "util_percent", s, now, g.utilizationPercent());
      emit(p + "mem_used_mib", s, now, g.memoryUsedMiB());
      if (g.memoryUsedMiB() != null && g.memoryTotalMiB() != null && g.memoryTotalMiB() > 0) {
        emit(p + "mem_percent", s, now, 100.0 * g.memoryUsedMiB() / g.memoryTotalMiB());
      }
      emit(p + "power_w", s, now, g.powerWatts());
      emit(p + "temp_c", s, now, g.temperatureC());
    }
  }

  private void emit(String key, long step, long time, Double value) {
    if (value != null && !value.isNaN()) {
      sink.metric(new MetricPoint(key, step, time, value));
    }
  }

  /** Takes a last sample, stops sampling and the GPU source. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
      sampleQuietly();
    }
    gpus.close();
  }
}
