package io.ctsuite.gpu.slots;

import java.util.List;

/** The allocator's file: the live leases of one machine. */
record SlotState(int version, List<Lease> leases) {
  static final int VERSION = 1;

  SlotState {
    leases = leases == null ? List.of() : List.copyOf(leases);
  }

  static SlotState empty() {
    return new SlotState(VERSION, List.of());
  }
}
