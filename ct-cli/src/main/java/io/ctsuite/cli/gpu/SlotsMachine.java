package io.ctsuite.cli.gpu;

import io.ctsuite.core.InputException;
import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.gpu.slots.SlotAllocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The machine whose GPUs {@code ct gpu slots} shares: where the leases live, how many GPUs it has,
 * and how to ask nvidia-smi about them.
 */
public class SlotsMachine {
  @Option(
      names = "--state",
      paramLabel = "DIR",
      description =
          "Directory of the machine's leases, shared by every build on it"
              + " (default: $CT_GPU_SLOTS or /var/tmp/ct-gpu-slots).")
  Path state;

  @Option(
      names = "--total",
      paramLabel = "N",
      description = "GPUs of this machine, when nvidia-smi is not there to count them.")
  Integer total;

  @Option(
      names = "--nvidia-smi",
      paramLabel = "COMMAND",
      description = "The nvidia-smi command (default: nvidia-smi on the PATH).")
  String nvidiaSmi = "nvidia-smi";

  private Optional<List<GpuSample>> view;

  /** The nvidia-smi view, asked once per command; empty without nvidia-smi. */
  Optional<List<GpuSample>> gpus() {
    if (view == null) {
      view = new NvidiaSmiProbe(nvidiaSmi).query();
    }
    return view;
  }

  /** A fresh nvidia-smi view, for waiting loops. */
  List<GpuSample> freshGpus() {
    view = null;
    return gpus().orElse(List.of());
  }

  SlotAllocator allocator() {
    int count;
    if (total != null) {
      if (total < 1) {
        throw new InputException("--total: a GPU machine has at least 1 GPU, not " + total);
      }
      count = total;
    } else {
      List<GpuSample> gpus =
          gpus()
              .orElseThrow(
                  () ->
                      new InputException(
                          "nvidia-smi was not found ('"
                              + nvidiaSmi
                              + "'), so the number of GPUs is unknown: on a GPU machine install"
                              + " the NVIDIA driver; elsewhere pass --total N"));
      if (gpus.isEmpty()) {
        throw new InputException("nvidia-smi reports no GPU on this machine");
      }
      count = gpus.stream().mapToInt(GpuSample::index).max().orElse(-1) + 1;
    }
    return new SlotAllocator(stateDir(), count, java.time.Clock.systemUTC(), 1024);
  }

  Path stateDir() {
    if (state != null) {
      return state;
    }
    String env = System.getenv("CT_GPU_SLOTS");
    return Path.of(env == null || env.isBlank() ? "/var/tmp/ct-gpu-slots" : env);
  }
}
