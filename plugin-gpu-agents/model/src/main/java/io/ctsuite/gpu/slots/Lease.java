package io.ctsuite.gpu.slots;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GPUs of one machine held by one build until it releases them or the lease expires.
 *
 * @param id who holds it, e.g. the build ("ml/retrain #42"); asking again with the same id gives
 *     the same lease, so a build that resumes after a restart keeps its GPUs
 * @param gpus the GPU indices, ascending; disjoint from every other live lease
 * @param expires when the GPUs go back to the pool unless renewed (a crashed build's GPUs return)
 * @param owner the host and process that took it, for people reading the state
 */
public record Lease(String id, List<Integer> gpus, Instant acquired, Instant expires, String owner)
    implements Serializable {

  public Lease {
    gpus = List.copyOf(gpus);
  }

  public boolean expired(Instant now) {
    return !expires.isAfter(now);
  }

  /** "0,1,3": the value of CUDA_VISIBLE_DEVICES. */
  public String deviceList() {
    return gpus.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * The environment that confines a build to its GPUs: CUDA_VISIBLE_DEVICES for processes on the
   * host, NVIDIA_VISIBLE_DEVICES for containers started with the NVIDIA runtime.
   */
  public Map<String, String> environment() {
    return Map.of("CUDA_VISIBLE_DEVICES", deviceList(), "NVIDIA_VISIBLE_DEVICES", deviceList());
  }

  Lease renewedUntil(Instant until) {
    return new Lease(id, gpus, acquired, until, owner);
  }
}
