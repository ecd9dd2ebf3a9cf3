package io.ctsuite.gpu.request;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What a build asks for: how many GPUs (or MIG slices), of which type, and how its pod should run.
 * Immutable and serializable, because Jenkins keeps it in the queue and sends it to agents.
 *
 * <p>Written as {@code gpu[:type][:mig-profile][:count][,modifier...]}, see {@link
 * GpuRequestParser}; {@link #text()} gives that form back.
 */
public final class GpuRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The resource the NVIDIA device plugin advertises for whole GPUs. */
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  /** The prefix of MIG slice resources under the device plugin's "mixed" strategy. */
  public static final String MIG_RESOURCE_PREFIX = "nvidia.com/mig-";

  private final int count;
  private final String type;
  private final String migProfile;
  private final boolean spot;
  private final String shmSize;
  private final Duration deadline;
  private final String priority;

  private GpuRequest(Builder builder) {
    this.count = builder.count;
    this.type = builder.type;
    this.migProfile = builder.migProfile;
    this.spot = builder.spot;
    this.shmSize = builder.shmSize;
    this.deadline = builder.deadline;
    this.priority = builder.priority;
  }

  /** Reads a request such as {@code gpu:a100:4,spot}; see {@link GpuRequestParser#parse}. */
  public static GpuRequest parse(String text) {
    return GpuRequestParser.parse(text);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of GPUs, or of MIG slices when {@link #migProfile()} is set; at least 1. */
  public int count() {
    return count;
  }

  /** The GPU type as written (lower case, e.g. {@code a100}), or null for any GPU. */
  public String type() {
    return type;
  }

  /** The MIG profile without the {@code mig-} prefix (e.g. {@code 1g.10gb}), or null. */
  public String migProfile() {
    return migProfile;
  }

  public boolean isMig() {
    return migProfile != null;
  }

  /** Whether the build accepts spot/preemptible nodes (cheaper, may vanish). */
  public boolean spot() {
    return spot;
  }

  /** Size of the memory-backed /dev/shm as a Kubernetes quantity, or null for the default. */
  public String shmSize() {
    return shmSize;
  }

  /** Longest time the pod may run, or null for the configured default. */
  public Duration deadline() {
    return deadline;
  }

  /** The priority class asked for, or null for the configured default. */
  public String priority() {
    return priority;
  }

  /** The Kubernetes extended resource to put in {@code resources.limits}. */
  public String resourceName() {
    return migProfile == null ? GPU_RESOURCE : MIG_RESOURCE_PREFIX + migProfile;
  }

  /**
   * The share of one whole GPU that one unit of this request is: 1 for a whole GPU, g/7 for a MIG
   * profile of g compute slices (A100 and H100 have 7), used to scale CPU and memory requests.
   */
  public double gpuFractionPerUnit() {
    if (migProfile == null) {
      return 1.0;
    }
    String slices = migProfile.replaceFirst("^\\d+c\\.", "");
    int g = Integer.parseInt(slices.substring(0, slices.indexOf('g')));
    return Math.min(1.0, g / 7.0);
  }

  /** The request in its canonical written form, e.g. {@code gpu:a100:4,spot}. */
  public String text() {
    StringBuilder text = new StringBuilder("gpu");
    if (type != null) {
      text.append(':').append(type);
    }
    if (migProfile != null) {
      text.append(":mig-").append(migProfile);
    }
    if (count != 1) {
      text.append(':').append(count);
    }
    if (spot) {
      text.append(",spot");
    }
    if (shmSize != null) {
      text.append(",shm=").append(shmSize);
    }
    if (deadline != null) {
      text.append(",deadline=").append(io.ctsuite.gpu.Durations.format(deadline));
    }
    if (priority != null) {
      text.append(",priority=").append(priority);
    }
    return text.toString();
  }

  /** Words for people: "2 A100 GPUs", "1 MIG slice 1g.10gb", "1 GPU". */
  public String describe() {
    String what;
    if (migProfile != null) {
      what = "MIG slice" + (count == 1 ? "" : "s") + " " + migProfile;
      if (type != null) {
        what = type.toUpperCase(java.util.Locale.ROOT) + " " + what;
      }
    } else {
      what =
          (type == null ? "" : type.toUpperCase(java.util.Locale.ROOT) + " ")
              + "GPU"
              + (count == 1 ? "" : "s");
    }
    return count + " " + what + (spot ? " on spot nodes" : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GpuRequest other
        && count == other.count
        && spot == other.spot
        && Objects.equals(type, other.type)
        && Objects.equals(migProfile, other.migProfile)
        && Objects.equals(shmSize, other.shmSize)
        && Objects.equals(deadline, other.deadline)
        && Objects.equals(priority, other.priority);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, type, migProfile, spot, shmSize, deadline, priority);
  }

  @Override
  public String toString() {
    return text();
  }

  /** Builds requests in code; the parser uses it too, so both obey the same checks. */
  public static final class Builder {
    private int count = 1;
    private String type;
    private String migProfile;
    private boolean spot;
    private String shmSize;
    private Duration deadline;
    private String priority;

    private Builder() {}

    public Builder count(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a GPU count must be at least 1, not " + count);
      }
      this.count = count;
      return this;
    }

    public Builder type(String type) {
      this.type = type == null ? null : type.toLowerCase(java.util.Locale.ROOT);
      return this;
    }

    public Builder migProfile(String migProfile) {
      this.migProfile = migProfile;
      return this;
    }

    public Builder spot(boolean spot) {
      this.spot = spot;
      return this;
    }

    public Builder shmSize(String shmSize) {
      this.shmSize = shmSize;
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    public Builder priority(String priority) {
      this.priority = priority;
      return this;
    }

    public GpuRequest build() {
      return new GpuRequest(this);
    }
  }
}
