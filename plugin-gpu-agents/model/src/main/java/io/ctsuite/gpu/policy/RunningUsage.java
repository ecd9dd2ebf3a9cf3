package io.ctsuite.gpu.policy;

import java.io.Serializable;

/** GPUs a running build holds, counted against the quotas of its folder and type. */
public record RunningUsage(String id, String folder, String gpuType, int gpus)
    implements Serializable {}
