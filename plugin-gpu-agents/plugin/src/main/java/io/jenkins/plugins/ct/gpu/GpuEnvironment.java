package io.jenkins.plugins.ct.gpu;

import hudson.EnvVars;
import io.ctsuite.gpu.slots.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Confines the steps of a withGpus block to its leased GPUs (CUDA/NVIDIA_VISIBLE_DEVICES). */
final class GpuEnvironment extends org.jenkinsci.plugins.workflow.steps.EnvironmentExpander {
  private static final long serialVersionUID = 1L;
  private final String leaseId;
  private final String devices;

  GpuEnvironment(String leaseId, String devices) {
    this.leaseId = leaseId;
    this.devices = devices;
  }

  @Override
  public void expand(EnvVars env) {
    List<Integer> gpus = new ArrayList<>();
    for (int gpu : ActiveLeases.parse(devices)) {
      gpus.add(gpu);
    }
    new Lease(leaseId, gpus, Instant.EPOCH, Instant.EPOCH, "").environment().forEach(env::override);
    env.override("CT_GPU_LEASE", leaseId);
  }
}
