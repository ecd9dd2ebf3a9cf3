package io.ctsuite.bench.tracking;

import io.ctsuite.bench.BenchFiles;
import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.run.MetricPoint;
import io.ctsuite.tracking.tfevents.EventFileReader;
import io.ctsuite.tracking.tfevents.EventFileWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Parsing a TensorBoard event file of scalar events with both CRCs of every record checked, on one
 * thread, against the baseline of plainly reading the same bytes with the same buffer size. The
 * file (default 150 MB, PyTorch-style {@code simple_value} scalars of 8 tags) is written by the
 * model's own {@link EventFileWriter} into a temporary directory during setup. Both read from the
 * page cache; bench/tracking.sh turns the times into MB/s and the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class EventFileBenchmark {
  @Param({"150"})
  public int megabytes;

  private Path dir;
  private Path file;

  @Setup
  public void write() throws IOException {
    dir = BenchFiles.tempDir("tfevents");
    file = writeEventFile(dir, megabytes * 1_000_000L);
    System.out.println("event file: " + Files.size(file) + " bytes");
  }

  /** Writes PyTorch-style scalar events of 8 tags until the file has {@code bytes} bytes. */
  static Path writeEventFile(Path dir, long bytes) throws IOException {
    Path file = dir.resolve("events.out.tfevents.1700000000.bench.1.0");
    String[] tags = {
      "train/loss", "train/acc", "val/loss", "val/acc", "lr", "grad_norm", "epoch", "throughput"
    };
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        EventFileWriter writer = new EventFileWriter(out, 1.7e9)) {
      long step = 0;
      while (Files.size(file) < bytes) {
        for (int i = 0; i < 100_000; i++, step++) {
          String tag = tags[(int) (step % tags.length)];
          writer.scalar(tag, step / tags.length, 1.7e9 + step * 0.01, (float) Math.sin(step));
        }
        out.flush();
      }
    }
    return file;
  }

  @TearDown
  public void delete() {
    BenchFiles.delete(dir);
  }

  /** Counts and sums what the reader reports, so that nothing is optimised away. */
  static final class Counter implements CaptureSink {
    long points;
    double sum;

    @Override
    public void metric(MetricPoint point) {
      points++;
      sum += point.value();
    }
  }

  @Benchmark
  public double parse() throws IOException {
    return parse(file);
  }

  static double parse(Path file) throws IOException {
    Counter counter = new Counter();
    EventFileReader.Result result = new EventFileReader("bench", counter).read(file, 0);
    if (result.corrupt() != 0 || result.truncatedTail()) {
      throw new IllegalStateException("unexpected: " + result);
    }
    return counter.sum + counter.points;
  }

  /** The baseline: the same bytes read through the same 4 MiB buffer, touching every 8th byte. */
  @Benchmark
  public long plainRead() throws IOException {
    return plainRead(file);
  }

  static long plainRead(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 22);
    long sum = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (channel.read(buffer.clear()) > 0) {
        byte[] a = buffer.array();
        for (int i = 0, n = buffer.position(); i < n; i += 8) {
          sum += a[i];
        }
      }
    }
    return sum;
  }
}
