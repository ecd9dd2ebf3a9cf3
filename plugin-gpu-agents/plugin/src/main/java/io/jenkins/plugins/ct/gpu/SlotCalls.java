package io.jenkins.plugins.ct.gpu;

import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.core.nvidia.NvidiaSmi;
import io.ctsuite.gpu.slots.Grant;
import io.ctsuite.gpu.slots.Lease;
import io.ctsuite.gpu.slots.SlotAllocator;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jenkins.security.MasterToSlaveCallable;

/**
 * The slot allocator's operations, run on the GPU machine itself (its leases live there, shared
 * with {@code ct gpu slots}). Only Strings, numbers and this plugin's own small answers travel.
 */
final class SlotCalls {
  private static final long FOREIGN_USE_MIB = 1024;

  private SlotCalls() {}

  /** What an acquire attempt answered. */
  static final class Answer implements Serializable {
    private static final long serialVersionUID = 1L;
    final boolean granted;
    final boolean never;
    final String reason;
    final String devices;
    final long expiresAt;
    final int machineGpus;

    Answer(
        boolean granted,
        boolean never,
        String reason,
        String devices,
        long expiresAt,
        int machineGpus) {
      this.granted = granted;
      this.never = never;
      this.reason = reason;
      this.devices = devices;
      this.expiresAt = expiresAt;
      this.machineGpus = machineGpus;
    }

    static Answer of(Grant grant, int machineGpus) {
      Lease lease = grant.lease();
      return new Answer(
          grant.granted(),
          grant.never(),
          grant.reason(),
          lease == null ? null : lease.deviceList(),
          lease == null ? 0 : lease.expires().toEpochMilli(),
          machineGpus);
    }
  }

  /** The machine: its lease directory and GPU count (0: ask nvidia-smi). */
  abstract static class OnMachine<V> extends MasterToSlaveCallable<V, IOException> {
    private static final long serialVersionUID = 1L;
    final String stateDir;
    final int count;
    final String nvidiaSmi;

    OnMachine(String stateDir, int count, String nvidiaSmi) {
      this.stateDir = stateDir;
      this.count = count;
      this.nvidiaSmi = nvidiaSmi;
    }

    SlotAllocator allocator(List<GpuSample> view) throws IOException {
      int gpus = count;
      if (gpus < 1) {
        if (view.isEmpty()) {
          throw new IOException(
              "nvidia-smi found no GPU on this machine; set the number of GPUs in the node's"
                  + " 'GPU slots' property");
        }
        gpus = view.stream().mapToInt(GpuSample::index).max().orElse(-1) + 1;
      }
      return new SlotAllocator(Path.of(stateDir), gpus, Clock.systemUTC(), FOREIGN_USE_MIB);
    }
  }

  /** Takes {@code gpus} GPUs for {@code id}, or says why not; never waits. */
  static final class Acquire extends OnMachine<Answer> {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final int gpus;
    private final long ttlSeconds;

    Acquire(String stateDir, int count, String nvidiaSmi, String id, int gpus, long ttlSeconds) {
      super(stateDir, count, nvidiaSmi);
      this.id = id;
      this.gpus = gpus;
      this.ttlSeconds = ttlSeconds;
    }

    @Override
    public Answer call() throws IOException {
      Optional<List<GpuSample>> smi = nvidiaSmi(nvidiaSmi);
      List<GpuSample> view = smi.orElse(List.of());
      if (count < 1 && smi.isEmpty()) {
        throw new IOException(
            "nvidia-smi is not installed on this machine, so its GPUs cannot be counted; set the"
                + " number of GPUs in the node's 'GPU slots' property");
      }
      SlotAllocator allocator = allocator(view);
      Grant grant = allocator.acquire(id, gpus, Duration.ofSeconds(ttlSeconds), view);
      return Answer.of(grant, allocator.gpuCount());
    }
  }

  /** Extends a lease; false when it is gone (expired, or released by someone). */
  static final class Renew extends OnMachine<Boolean> {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final long ttlSeconds;

    Renew(String stateDir, String id, long ttlSeconds) {
      super(stateDir, 1, null);
      this.id = id;
      this.ttlSeconds = ttlSeconds;
    }

    @Override
    public Boolean call() throws IOException {
      return allocator(List.of()).renew(id, Duration.ofSeconds(ttlSeconds)).isPresent();
    }
  }

  /** Gives a lease's GPUs back; false when there was no live lease. */
  static final class Release extends OnMachine<Boolean> {
    private static final long serialVersionUID = 1L;
    private final String id;

    Release(String stateDir, String id) {
      super(stateDir, 1, null);
      this.id = id;
    }

    @Override
    public Boolean call() throws IOException {
      return allocator(List.of()).release(id);
    }
  }

  /** The live leases as lines "id: GPU 0,1 until …", for the GPU page. */
  static final class Leases extends OnMachine<ArrayList<String>> {
    private static final long serialVersionUID = 1L;

    Leases(String stateDir) {
      super(stateDir, 1, null);
    }

    @Override
    public ArrayList<String> call() throws IOException {
      ArrayList<String> lines = new ArrayList<>();
      for (Lease lease : allocator(List.of()).leases()) {
        lines.add(lease.id() + ": GPU " + lease.deviceList() + " until " + lease.expires());
      }
      return lines;
    }
  }

  /**
   * The utilisation of some GPUs now, in percent, one value per GPU that reports one; empty without
   * nvidia-smi.
   */
  static final class Utilisation extends MasterToSlaveCallable<double[], IOException> {
    private static final long serialVersionUID = 1L;
    private final int[] indices;
    private final String nvidiaSmi;

    Utilisation(int[] indices, String nvidiaSmi) {
      this.indices = indices.clone();
      this.nvidiaSmi = nvidiaSmi;
    }

    @Override
    public double[] call() {
      List<Double> values = new ArrayList<>();
      for (GpuSample sample : nvidiaSmi(nvidiaSmi).orElse(List.of())) {
        for (int i : indices) {
          if (sample.index() == i && sample.utilizationPercent() != null) {
            values.add(sample.utilizationPercent());
          }
        }
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /** One nvidia-smi query on this machine; empty when nvidia-smi is not there or fails. */
  static Optional<List<GpuSample>> nvidiaSmi(String command) {
    List<String> argv = new ArrayList<>(NvidiaSmi.queryCommand());
    if (command != null) {
      argv.set(0, command);
    }
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(15, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(NvidiaSmi.parse("nvidia-smi", new String(output, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
