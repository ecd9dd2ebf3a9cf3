package io.ctsuite.gpu.slots;

import java.io.Serializable;

/**
 * The answer to a request for GPUs: a lease, or why there is none.
 *
 * @param lease the lease, or null when refused
 * @param reason why it was refused (or "already held" for a repeated request); null when granted
 * @param never true when waiting cannot help (more GPUs than the machine has)
 */
public record Grant(Lease lease, String reason, boolean never) implements Serializable {
  static Grant granted(Lease lease) {
    return new Grant(lease, null, false);
  }

  static Grant refused(String reason, boolean never) {
    return new Grant(null, reason, never);
  }

  public boolean granted() {
    return lease != null;
  }
}
