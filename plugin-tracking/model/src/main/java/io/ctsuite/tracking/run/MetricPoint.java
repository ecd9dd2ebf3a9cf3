package io.ctsuite.tracking.run;

import java.io.Serializable;

/**
 * One value of a metric series: what every capture source (event files, JSON lines, service
 * messages, MLflow, CSV) produces.
 *
 * <p>NaN and ±Infinity are legitimate values (a diverged loss) and are kept as they are.
 *
 * @param key the metric name as the producer wrote it, e.g. {@code val/mAP} or {@code l2.train}
 * @param step the training step (or epoch, or iteration) the value belongs to
 * @param wallTime when the value was recorded, in milliseconds since the epoch
 * @param value the value
 */
public record MetricPoint(String key, long step, long wallTime, double value)
    implements Serializable {

  public MetricPoint {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a metric point needs a key");
    }
  }
}
