package io.ctsuite.promotion.gate;

import java.io.Serializable;

/**
 * One check of a gate spec.
 *
 * @param path where it is in the spec, e.g. {@code checks[2]}, for messages
 * @param name the name shown in reports (defaults to the metric)
 * @param metric a per-example column (averaged) or an aggregate metric name
 * @param better which way the metric is better
 * @param floor absolute lower bound on the candidate, or null
 * @param ceiling absolute upper bound on the candidate (a budget), or null
 * @param maxRegression the most the candidate may be worse than the baseline, or null
 * @param minImprovement the least the candidate must be better than the baseline, or null
 * @param significance the paired test the difference must pass, or null
 * @param slices the per-slice version of this check, or null
 * @param required whether the check decides the verdict (advisory checks are only reported)
 */
public record CheckSpec(
    String path,
    String name,
    String metric,
    Direction better,
    Double floor,
    Double ceiling,
    Threshold maxRegression,
    Threshold minImprovement,
    Significance significance,
    SliceSpec slices,
    boolean required)
    implements Serializable {}
