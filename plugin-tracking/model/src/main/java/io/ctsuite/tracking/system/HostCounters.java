package io.ctsuite.tracking.system;

import java.io.Serializable;

/**
 * One reading of the host's cumulative counters from {@code /proc}: CPU time (busy and total
 * jiffies), memory, and bytes through network interfaces and disks since boot. Rates and
 * percentages come from the difference of two readings.
 *
 * @param cpuBusy jiffies spent not idle (user, nice, system, irq, softirq, steal)
 * @param cpuTotal all jiffies, idle and iowait included
 * @param memTotalBytes MemTotal
 * @param memUsedBytes MemTotal minus MemAvailable
 * @param netReceivedBytes received on every interface but loopback
 * @param netSentBytes sent on every interface but loopback
 * @param diskReadBytes read from whole disks (partitions and virtual devices left out)
 * @param diskWrittenBytes written to whole disks
 */
public record HostCounters(
    long cpuBusy,
    long cpuTotal,
    long memTotalBytes,
    long memUsedBytes,
    long netReceivedBytes,
    long netSentBytes,
    long diskReadBytes,
    long diskWrittenBytes)
    implements Serializable {

  /** CPU use between two readings, in percent of all cores (NaN when no time passed). */
  public double cpuPercentSince(HostCounters earlier) {
    long total = cpuTotal - earlier.cpuTotal;
    if (total <= 0) {
      return Double.NaN;
    }
    return 100.0 * (cpuBusy - earlier.cpuBusy) / total;
  }
}
