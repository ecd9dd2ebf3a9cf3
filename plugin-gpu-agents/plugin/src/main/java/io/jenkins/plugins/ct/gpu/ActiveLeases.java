package io.jenkins.plugins.ct.gpu;

import hudson.model.Computer;
import hudson.model.Node;
import hudson.remoting.VirtualChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/**
 * The withGpus leases this controller holds now: it renews each one well before it expires and
 * samples the utilisation of its GPUs. Nothing here is persisted: after a restart the resumed step
 * registers its lease again, and a lease whose build never resumes simply expires on the machine.
 */
final class ActiveLeases {
  private static final Logger LOGGER = Logger.getLogger(ActiveLeases.class.getName());

  /** Utilisation samples while a body runs; every 30 s keeps nvidia-smi calls rare. */
  static long sampleSeconds = Long.getLong(ActiveLeases.class.getName() + ".sampleSeconds", 30);

  private static final Map<String, Active> ACTIVE = new ConcurrentHashMap<>();

  private ActiveLeases() {}

  /** A lease being renewed and sampled. */
  static final class Active {
    final String id;
    final String nodeName;
    final String stateDir;
    final int[] gpus;
    final long ttlSeconds;
    final String nvidiaSmi;
    final String folder;
    final String gpuType;
    private double utilisationSum;
    private int utilisationSamples;
    private ScheduledFuture<?> renewal;
    private ScheduledFuture<?> sampling;

    Active(
        String id,
        String nodeName,
        String stateDir,
        int[] gpus,
        long ttlSeconds,
        String nvidiaSmi,
        String folder,
        String gpuType) {
      this.id = id;
      this.nvidiaSmi = nvidiaSmi;
      this.folder = folder;
      this.gpuType = gpuType;
      this.nodeName = nodeName;
      this.stateDir = stateDir;
      this.gpus = gpus;
      this.ttlSeconds = ttlSeconds;
    }

    synchronized void sample(double[] values) {
      for (double v : values) {
        utilisationSum += v;
        utilisationSamples++;
      }
    }

    synchronized Double averageUtilisation() {
      return utilisationSamples == 0 ? null : utilisationSum / utilisationSamples;
    }

    synchronized int samples() {
      return utilisationSamples;
    }
  }

  /** Starts renewing and sampling a lease; replaces an earlier registration of the same id. */
  static Active start(
      String id,
      String nodeName,
      String stateDir,
      String devices,
      long ttl,
      String nvidiaSmi,
      String folder,
      String gpuType) {
    Active active =
        new Active(id, nodeName, stateDir, parse(devices), ttl, nvidiaSmi, folder, gpuType);
    long every = Math.max(1, ttl / 3);
    active.renewal =
        Timer.get().scheduleWithFixedDelay(() -> renew(active), every, every, TimeUnit.SECONDS);
    active.sampling =
        Timer.get()
            .scheduleWithFixedDelay(
                () -> sample(active), 0, Math.max(1, sampleSeconds), TimeUnit.SECONDS);
    Active previous = ACTIVE.put(id, active);
    if (previous != null) {
      cancel(previous);
    }
    return active;
  }

  /** Stops renewing a lease; returns what was measured, or null when it was not registered. */
  static Active finish(String id) {
    Active active = ACTIVE.remove(id);
    if (active != null) {
      cancel(active);
    }
    return active;
  }

  static Map<String, Active> snapshot() {
    return Map.copyOf(ACTIVE);
  }

  private static void cancel(Active active) {
    if (active.renewal != null) {
      active.renewal.cancel(false);
    }
    if (active.sampling != null) {
      active.sampling.cancel(false);
    }
  }

  private static void renew(Active active) {
    VirtualChannel channel = channel(active.nodeName);
    if (channel == null) {
      LOGGER.fine(() -> "cannot renew " + active.id + ": " + active.nodeName + " is offline");
      return;
    }
    try {
      if (!channel.call(new SlotCalls.Renew(active.stateDir, active.id, active.ttlSeconds))) {
        LOGGER.warning(
            "the GPU lease of "
                + active.id
                + " on "
                + active.nodeName
                + " was gone when renewed (expired, or released by hand)");
      }
    } catch (Exception e) {
      LOGGER.log(Level.WARNING, "could not renew the GPU lease of " + active.id, e);
    }
  }

  private static void sample(Active active) {
    VirtualChannel channel = channel(active.nodeName);
    if (channel == null) {
      return;
    }
    try {
      active.sample(channel.call(new SlotCalls.Utilisation(active.gpus, active.nvidiaSmi)));
    } catch (Exception e) {
      LOGGER.log(Level.FINE, "no utilisation sample for " + active.id, e);
    }
  }

  /** The channel to a node by name ("" is the built-in node), or null when it is offline. */
  static VirtualChannel channel(String nodeName) {
    Jenkins jenkins = Jenkins.get();
    Node node = nodeName == null || nodeName.isEmpty() ? jenkins : jenkins.getNode(nodeName);
    Computer computer = node == null ? null : node.toComputer();
    return computer == null ? null : computer.getChannel();
  }

  static int[] parse(String devices) {
    if (devices == null || devices.isBlank()) {
      return new int[0];
    }
    String[] parts = devices.split(",");
    int[] gpus = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      gpus[i] = Integer.parseInt(parts[i].trim());
    }
    return gpus;
  }
}
