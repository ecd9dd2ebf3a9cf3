package io.ctsuite.gpu.cost;

import io.ctsuite.gpu.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * What one build's GPUs cost.
 *
 * @param amount the cost, or null when no price is known for the type
 */
public record BuildCost(
    String type, double gpus, Duration lifetime, double gpuHours, Double amount, String currency)
    implements Serializable {

  /** "4 A100 GPUs for 2 h 30 min: 10.0 GPU-hours, 32.80 USD". */
  public String describe() {
    return GpuWords.gpus(gpus, type)
        + " for "
        + Durations.words(lifetime)
        + ": "
        + String.format(Locale.ROOT, "%.1f GPU-hours", gpuHours)
        + (amount == null
            ? " (no price configured)"
            : String.format(Locale.ROOT, ", %.2f %s", amount, currency));
  }
}
