package io.ctsuite.tracking.system;

import io.ctsuite.core.nvidia.GpuSample;
import java.util.List;

/** Where the system monitor gets GPU readings; empty when the host has no GPU. */
public interface GpuSource extends AutoCloseable {
  /** No GPUs. */
  GpuSource NONE =
      new GpuSource() {
        @Override
        public List<GpuSample> latest() {
          return List.of();
        }

        @Override
        public void close() {}
      };

  /** The most recent reading of every GPU (empty when none is known yet or there are none). */
  List<GpuSample> latest();

  @Override
  void close();
}
