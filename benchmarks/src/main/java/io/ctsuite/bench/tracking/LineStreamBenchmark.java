package io.ctsuite.bench.tracking;

import io.ctsuite.tracking.capture.CaptureSink;
import io.ctsuite.tracking.capture.JsonLinesReader;
import io.ctsuite.tracking.capture.LineSplitter;
import io.ctsuite.tracking.capture.ServiceMessageOutputStream;
import io.ctsuite.tracking.capture.ServiceMessageParser;
import io.ctsuite.tracking.run.MetricPoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The two line-stream parsers against splitting the same bytes into lines without parsing:
 *
 * <ul>
 *   <li>JSON lines: 1,000,000 metric lines ({@code {"key":…,"value":…,"step":…,"ts":…}}), ~70 MB;
 *   <li>service messages: 64 MB of training log in which one line in 50 is a {@code ##ct[metric …]}
 *       message (the rest: progress lines, warnings, stack-trace-like text).
 * </ul>
 *
 * bench/tracking.sh turns the times into points/s and MB/s, and the ratios to the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class LineStreamBenchmark {
  static final int JSON_LINES = 1_000_000;
  static final int LOG_BYTES = 64 << 20;

  private byte[] jsonl;
  private byte[] log;

  @Setup
  public void generate() {
    jsonl = generateJsonLines();
    log = generateLog();
    System.out.printf(
        "jsonl: %d bytes, %d lines; log: %d bytes%n", jsonl.length, JSON_LINES, log.length);
  }

  /** 1,000,000 metric lines of 4 keys. */
  static byte[] generateJsonLines() {
    ByteArrayOutputStream json = new ByteArrayOutputStream(80 * JSON_LINES);
    String[] keys = {"train/loss", "val/acc", "lr", "grad_norm"};
    for (int i = 0; i < JSON_LINES; i++) {
      String line =
          String.format(
              "{\"key\":\"%s\",\"value\":%.6f,\"step\":%d,\"ts\":%.3f}%n",
              keys[i % keys.length], Math.sin(i) * 0.5 + 0.5, i / keys.length, 1.7e9 + i * 0.01);
      json.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    }
    return json.toByteArray();
  }

  /** 64 MiB of training log; one line in 50 is a service message. */
  static byte[] generateLog() {
    ByteArrayOutputStream text = new ByteArrayOutputStream(LOG_BYTES + 1000);
    long i = 0;
    while (text.size() < LOG_BYTES) {
      String line =
          switch ((int) (i % 50)) {
            case 0 ->
                "Epoch 3 step "
                    + i
                    + " ##ct[metric key='train/loss' value='0."
                    + (i % 997)
                    + "' step='"
                    + i
                    + "']\n";
            case 7 ->
                "  File \"/opt/venv/lib/python3.11/site-packages/torch/nn/modules/module.py\","
                    + " line 1501, in _call_impl\n";
            case 13 ->
                "WARNING: the learning rate scheduler stepped before the optimizer # " + i + "\n";
            default ->
                "Epoch 3:  42%|████▏     | "
                    + i
                    + "/24000 [01:23<01:55, 120.3it/s, loss=0."
                    + (i % 1000)
                    + ", v_num=7]\n";
          };
      text.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      i++;
    }
    return text.toByteArray();
  }

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
  public long jsonLines() throws IOException {
    return jsonLines(jsonl);
  }

  static long jsonLines(byte[] jsonl) throws IOException {
    Counter counter = new Counter();
    new JsonLinesReader("bench", counter).read(new ByteArrayInputStream(jsonl));
    if (counter.points != JSON_LINES) {
      throw new IllegalStateException("read " + counter.points + " points");
    }
    return counter.points + (long) counter.sum;
  }

  /** The baseline: the same JSON-lines bytes split into lines, nothing parsed. */
  @Benchmark
  public long jsonLinesSplitOnly() {
    return splitOnly(jsonl);
  }

  static long splitOnly(byte[] bytes) {
    long[] lengths = {0};
    LineSplitter splitter = new LineSplitter((b, off, len) -> lengths[0] += len);
    for (int off = 0; off < bytes.length; off += 1 << 16) {
      splitter.write(bytes, off, Math.min(1 << 16, bytes.length - off));
    }
    splitter.finish();
    return lengths[0];
  }

  @Benchmark
  public long serviceMessages() throws IOException {
    return serviceMessages(log);
  }

  static long serviceMessages(byte[] log) throws IOException {
    Counter counter = new Counter();
    ServiceMessageParser parser = new ServiceMessageParser("bench", counter).clock(() -> 0L);
    try (ServiceMessageOutputStream scan = new ServiceMessageOutputStream(null, parser)) {
      for (int off = 0; off < log.length; off += 1 << 16) {
        scan.write(log, off, Math.min(1 << 16, log.length - off));
      }
    }
    return counter.points;
  }

  /** The baseline: the same log bytes split into lines, nothing searched. */
  @Benchmark
  public long serviceMessagesSplitOnly() {
    return splitOnly(log);
  }
}
