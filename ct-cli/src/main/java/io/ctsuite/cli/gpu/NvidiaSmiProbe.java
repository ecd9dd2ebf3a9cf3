package io.ctsuite.cli.gpu;

import io.ctsuite.core.InputException;
import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.core.nvidia.NvidiaSmi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Asks nvidia-smi for the GPUs of this machine; empty when it is not installed. */
final class NvidiaSmiProbe {
  private final String command;

  NvidiaSmiProbe(String command) {
    this.command = command;
  }

  /** The newest sample of each GPU, by index; empty when nvidia-smi cannot be started. */
  Optional<List<GpuSample>> query() {
    List<String> argv = new ArrayList<>(NvidiaSmi.queryCommand());
    argv.set(0, command);
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new InputException(command + " did not answer within 15 s");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new InputException(
            command + " failed (exit " + process.exitValue() + "): " + text.strip());
      }
      TreeMap<Integer, GpuSample> newest = new TreeMap<>();
      for (GpuSample sample : NvidiaSmi.parse(command, text)) {
        newest.put(sample.index(), sample);
      }
      return Optional.of(List.copyOf(newest.values()));
    } catch (IOException e) {
      throw new InputException("cannot read the output of " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("interrupted while waiting for " + command, e);
    }
  }
}
