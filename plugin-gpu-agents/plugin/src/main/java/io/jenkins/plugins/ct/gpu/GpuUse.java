package io.jenkins.plugins.ct.gpu;

import io.ctsuite.gpu.cost.BuildCost;
import io.ctsuite.gpu.cost.CostModel;
import java.time.Duration;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * GPUs one part of a build held: a {@code withGpus} lease on a static machine, or a GPU agent pod.
 * Plain fields only, as build.xml keeps it.
 */
@ExportedBean(defaultVisibility = 2)
public final class GpuUse {
  /** A lease of {@code withGpus} on a static machine. */
  public static final String SLOTS = "withGpus";

  /** A static agent whose label asked for GPUs: the time its node block held the executor. */
  public static final String AGENT = "agent";

  /**
   * A Kubernetes GPU agent pod: its lifetime from creation to deletion, shared by the builds it
   * served ({@link io.ctsuite.gpu.cost.PodCharges}).
   */
  public static final String POD = "pod";

  private final String source;
  private final String node;
  private final String type;
  private final double gpus;
  private final String devices;
  private final long startedAt;
  private final long endedAt;
  private final Double utilisationPercent;
  private final int utilisationSamples;

  GpuUse(
      String source,
      String node,
      String type,
      double gpus,
      String devices,
      long startedAt,
      long endedAt,
      Double utilisationPercent,
      int utilisationSamples) {
    this.source = source;
    this.node = node;
    this.type = type;
    this.gpus = gpus;
    this.devices = devices;
    this.startedAt = startedAt;
    this.endedAt = Math.max(startedAt, endedAt);
    this.utilisationPercent = utilisationPercent;
    this.utilisationSamples = utilisationSamples;
  }

  /** {@value #SLOTS}, {@value #AGENT} or {@value #POD}. */
  @Exported
  public String getSource() {
    return source;
  }

  @Exported
  public String getNode() {
    return node;
  }

  /** GPU type (a100, mig-1g.10gb), or null when unknown. */
  @Exported
  public String getType() {
    return type;
  }

  /** Whole GPUs, or MIG slices as fractions of a GPU. */
  @Exported
  public double getGpus() {
    return gpus;
  }

  /** The CUDA_VISIBLE_DEVICES value of a lease, e.g. "0,1"; null for pods. */
  @Exported
  public String getDevices() {
    return devices;
  }

  @Exported
  public long getStartedAt() {
    return startedAt;
  }

  @Exported
  public long getEndedAt() {
    return endedAt;
  }

  @Exported
  public long getDurationMillis() {
    return endedAt - startedAt;
  }

  @Exported
  public double getGpuHours() {
    return gpus * getDurationMillis() / 3_600_000.0;
  }

  /** Average utilisation of its GPUs in percent, or null when nothing measured it. */
  @Exported
  public Double getUtilisationPercent() {
    return utilisationPercent;
  }

  public int getUtilisationSamples() {
    return utilisationSamples;
  }

  /** The same use, ending at {@code endedAt} (a pod deleted after the build's work on it). */
  GpuUse endingAt(long endedAt) {
    return new GpuUse(
        source,
        node,
        type,
        gpus,
        devices,
        startedAt,
        endedAt,
        utilisationPercent,
        utilisationSamples);
  }

  BuildCost cost(CostModel prices) {
    return prices.cost(type, baseType(), gpus, Duration.ofMillis(getDurationMillis()));
  }

  /** For MIG slices without a price of their own: the type of the node, when known. */
  private String baseType() {
    return type != null && type.startsWith("mig-") ? null : type;
  }
}
