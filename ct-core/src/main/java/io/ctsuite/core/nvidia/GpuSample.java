package io.ctsuite.core.nvidia;

import java.io.Serializable;

/**
 * One GPU's state as {@code nvidia-smi --query-gpu} reports it. A numeric field is {@code null}
 * when nvidia-smi reports it as not available ({@code [N/A]}, {@code [Not Supported]}, …), which is
 * normal: a MIG-enabled GPU has no whole-GPU utilisation, many boards report no power draw.
 *
 * @param index the GPU's index on its host
 * @param uuid the GPU's UUID ({@code GPU-…}), or {@code null} when not queried
 * @param name the product name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param utilizationPercent GPU utilisation in percent
 * @param memoryUsedMiB memory in use in MiB
 * @param memoryTotalMiB total memory in MiB
 * @param powerWatts power draw in watts
 * @param temperatureC core temperature in degrees Celsius
 */
public record GpuSample(
    int index,
    String uuid,
    String name,
    Double utilizationPercent,
    Double memoryUsedMiB,
    Double memoryTotalMiB,
    Double powerWatts,
    Double temperatureC)
    implements Serializable {}
