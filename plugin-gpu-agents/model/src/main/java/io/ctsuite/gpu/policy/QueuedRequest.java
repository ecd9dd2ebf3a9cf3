package io.ctsuite.gpu.policy;

import io.ctsuite.gpu.request.GpuRequest;
import java.io.Serializable;
import java.time.Instant;

/**
 * A build in the Jenkins queue that waits for GPUs.
 *
 * @param id the queue item or build, e.g. "team-vision/retrain #42"
 * @param folder the Jenkins folder path of its job, e.g. "team-vision/retrain", for quotas
 * @param priorityClass its priority class (e.g. production-retrain, nightly, hpo-sweep), or null
 *     for the policy's default
 * @param gpuType the GPU type ("a100"), "mig-&lt;profile&gt;" for MIG slices, or null for any
 * @param gpus how many GPUs (or slices)
 * @param queuedSince when it entered the queue; older goes first within a priority class
 */
public record QueuedRequest(
    String id, String folder, String priorityClass, String gpuType, int gpus, Instant queuedSince)
    implements Serializable {

  /** A queue item from its GPU request; the request's priority modifier names the class. */
  public static QueuedRequest of(
      String id, String folder, GpuRequest request, Instant queuedSince) {
    return new QueuedRequest(
        id, folder, request.priority(), capacityKey(request), request.count(), queuedSince);
  }

  /** The capacity a request draws on: its type, or its MIG profile; null for any GPU. */
  public static String capacityKey(GpuRequest request) {
    return request.isMig() ? "mig-" + request.migProfile() : request.type();
  }
}
