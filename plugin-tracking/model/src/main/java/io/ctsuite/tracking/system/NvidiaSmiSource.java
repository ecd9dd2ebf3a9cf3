package io.ctsuite.tracking.system;

import io.ctsuite.core.InputException;
import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.core.nvidia.NvidiaSmi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * GPU readings from one long-running {@code nvidia-smi --query-gpu … -lms=N} process (one process
 * per run rather than one per sample keeps the monitor's cost low). A host without nvidia-smi, or
 * whose nvidia-smi fails, simply has no GPU readings.
 */
public final class NvidiaSmiSource implements GpuSource {
  private final Process process;
  private final Thread reader;
  private volatile List<GpuSample> latest = List.of();

  private NvidiaSmiSource(Process process, Consumer<String> notes) {
    this.process = process;
    this.reader = new Thread(() -> read(notes), "ct-nvidia-smi");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Starts nvidia-smi, or returns {@link GpuSource#NONE} when it is not installed.
   *
   * @param notes hears, once, why there are no GPU readings
   */
  public static GpuSource start(Duration interval, Consumer<String> notes) {
    return start(NvidiaSmi.loopCommand(interval), notes);
  }

  static GpuSource start(List<String> command, Consumer<String> notes) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      process.getOutputStream().close();
      return new NvidiaSmiSource(process, notes);
    } catch (IOException e) {
      notes.accept("no nvidia-smi on this host: recording CPU and memory only");
      return NONE;
    }
  }

  private void read(Consumer<String> notes) {
    NvidiaSmi.Parser parser = new NvidiaSmi.Parser("nvidia-smi");
    List<GpuSample> batch = new ArrayList<>();
    long line = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String text;
      while ((text = in.readLine()) != null) {
        line++;
        GpuSample sample;
        try {
          sample = parser.line(line, text);
        } catch (InputException e) {
          notes.accept(
              "nvidia-smi printed something unexpected, GPU readings stop: " + text.strip());
          return;
        }
        if (sample == null) {
          continue;
        }
        // rows come in index order; a row not after the previous one starts the next reading
        if (!batch.isEmpty() && sample.index() <= batch.get(batch.size() - 1).index()) {
          latest = List.copyOf(batch);
          batch.clear();
        }
        batch.add(sample);
        if (batch.size() == 1 && latest.size() == 1) {
          latest = List.copyOf(batch); // single GPU: every row is a whole reading
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        latest = List.copyOf(batch);
      }
    } catch (IOException e) {
      // the process ended; the last readings stay
    }
  }

  @Override
  public List<GpuSample> latest() {
    return latest;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
