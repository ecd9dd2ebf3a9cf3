package io.ctsuite.tracking.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.tracking.capture.RecordingSink;
import io.ctsuite.tracking.run.MetricPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SystemMonitorTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();
  private final RecordingSink sink = new RecordingSink();

  /** Writes a /proc copy whose counters grew by the given amounts. */
  private Path proc(long user, long idle, long rx, long sectorsRead) throws Exception {
    Path root = temp.getRoot().toPath().resolve("proc");
    Files.createDirectories(root.resolve("net"));
    Files.writeString(
        root.resolve("stat"),
        "cpu  " + user + " 0 0 " + idle + " 0 0 0 0 0 0\ncpu0 1 0 0 1 0 0 0 0 0 0\n");
    Files.writeString(
        root.resolve("meminfo"),
        "MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    4000000 kB\n");
    Files.writeString(
        root.resolve("net/dev"),
        "Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n"
            + "    lo: 999999 1 0 0 0 0 0 0 999999 1 0 0 0 0 0 0\n"
            + "  eth0: "
            + rx
            + " 1 0 0 0 0 0 0 2048 1 0 0 0 0 0 0\n");
    Files.writeString(
        root.resolve("diskstats"),
        "   8       0 sda 1 0 "
            + sectorsRead
            + " 0 1 0 100 0 0 0 0\n"
            + "   8       1 sda1 1 0 "
            + sectorsRead
            + " 0 1 0 100 0 0 0 0\n"
            + "   7       0 loop0 1 0 5000 0 1 0 100 0 0 0 0\n");
    return root;
  }

  private Map<String, List<MetricPoint>> byKey() {
    return sink.metrics.stream().collect(Collectors.groupingBy(MetricPoint::key));
  }

  @Test
  public void shouldComputeCpuMemoryAndTrafficFromProc() throws Exception {
    Path root = proc(100, 100, 0, 0);
    AtomicReference<List<GpuSample>> gpus = new AtomicReference<>(List.of());
    GpuSource source =
        new GpuSource() {
          @Override
          public List<GpuSample> latest() {
            return gpus.get();
          }

          @Override
          public void close() {}
        };
    SystemMonitor monitor = new SystemMonitor(new ProcReader(root), source, sink, () -> 1000L);

    monitor.sample();
    proc(175, 125, 3 * 1024 * 1024, 4096); // 75 busy of 100 jiffies; 3 MiB in; 2 MiB read
    gpus.set(
        List.of(new GpuSample(0, "GPU-1", "NVIDIA H100", null, 20480.0, 81920.0, 433.5, 53.0)));
    monitor.sample();

    Map<String, List<MetricPoint>> series = byKey();
    assertThat(series.get("sys/cpu_percent")).extracting(MetricPoint::value).containsExactly(75.0);
    assertThat(series.get("sys/cpu_percent").get(0).step()).isEqualTo(1);
    assertThat(series.get("sys/mem_used_mib").get(0).value()).isEqualTo(12_000_000 / 1024.0);
    assertThat(series.get("sys/mem_percent").get(0).value()).isEqualTo(75.0);
    assertThat(series.get("sys/net_recv_mib"))
        .extracting(MetricPoint::value)
        .containsExactly(0.0, 3.0);
    assertThat(series.get("sys/disk_read_mib"))
        .extracting(MetricPoint::value)
        .containsExactly(0.0, 2.0);
    // a MIG GPU reports no utilisation: the key is simply absent
    assertThat(series).doesNotContainKey("gpu0/util_percent");
    assertThat(series.get("gpu0/mem_percent").get(0).value()).isEqualTo(25.0);
    assertThat(series.get("gpu0/power_w").get(0).value()).isEqualTo(433.5);
  }

  @Test
  public void shouldReadTheRealProcOfThisHost() {
    ProcReader host = ProcReader.host();
    org.junit.Assume.assumeTrue("needs Linux /proc", host.available());

    HostCounters c = host.read();

    assertThat(c.cpuTotal()).isPositive();
    assertThat(c.memTotalBytes()).isPositive();
    assertThat(c.memUsedBytes()).isBetween(0L, c.memTotalBytes());
  }

  @Test
  public void shouldRecordNothingButGpusWithoutProc() {
    SystemMonitor monitor =
        new SystemMonitor(
            new ProcReader(temp.getRoot().toPath().resolve("none")),
            GpuSource.NONE,
            sink,
            () -> 1L);

    monitor.sample();
    monitor.close();

    assertThat(sink.metrics).isEmpty();
  }

  @Test
  public void shouldSampleOnATimerUntilClosed() throws Exception {
    Path root = proc(100, 100, 0, 0);
    // the monitor's thread writes while this one counts, so the list must be thread-safe
    List<MetricPoint> points = new CopyOnWriteArrayList<>();
    SystemMonitor monitor =
        new SystemMonitor(
                new ProcReader(root), GpuSource.NONE, points::add, System::currentTimeMillis)
            .start(Duration.ofMillis(20));
    // waits for samples rather than a fixed time, so a busy machine cannot make this fail
    long deadline = System.currentTimeMillis() + 10_000;
    while (memorySamples(points) < 3) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(10);
    }
    monitor.close();
    long samples = memorySamples(points);
    Thread.sleep(100);

    assertThat(memorySamples(points)).isEqualTo(samples);
  }

  private static long memorySamples(List<MetricPoint> points) {
    return points.stream().filter(p -> p.key().equals("sys/mem_used_mib")).count();
  }

  @Test
  public void shouldCarryOnWithoutNvidiaSmi() {
    List<String> notes = new java.util.ArrayList<>();
    GpuSource source =
        NvidiaSmiSource.start(List.of("/nonexistent/nvidia-smi-for-test", "-q"), notes::add);

    assertThat(source).isSameAs(GpuSource.NONE);
    assertThat(notes).containsExactly("no nvidia-smi on this host: recording CPU and memory only");
  }

  @Test
  public void shouldReadRowsOfALoopingNvidiaSmi() throws Exception {
    Path fake = temp.getRoot().toPath().resolve("fake-nvidia-smi.sh");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "echo '0, GPU-a, NVIDIA H200, 10, 100, 143771, 80.5, 30'\n"
            + "echo '1, GPU-b, NVIDIA H200, 20, 200, 143771, 90.5, 31'\n"
            + "echo '0, GPU-a, NVIDIA H200, 11, 101, 143771, 81.5, 32'\n"
            + "echo '1, GPU-b, NVIDIA H200, 21, 201, 143771, 91.5, 33'\n");
    fake.toFile().setExecutable(true);
    org.junit.Assume.assumeTrue(Files.isExecutable(fake));
    GpuSource source = NvidiaSmiSource.start(List.of(fake.toString()), note -> {});

    long deadline = System.currentTimeMillis() + 5000;
    while (source.latest().size() < 2 || source.latest().get(0).utilizationPercent() != 11.0) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(10);
    }
    source.close();

    assertThat(source.latest())
        .extracting(GpuSample::utilizationPercent)
        .containsExactly(11.0, 21.0);
  }
}
