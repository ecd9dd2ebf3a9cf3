package io.ctsuite.datasets.policy;

import io.ctsuite.datasets.ops.DatasetChange;
import java.io.Serializable;
import java.util.List;

/**
 * A change policy's answer: retrain or not, and why in one sentence.
 *
 * @param fire whether the change is worth a retrain
 * @param reason one sentence for a log, a build description or a commit status
 * @param met the conditions that held (e.g. {@code growth>=2})
 * @param change the numbers the decision was made on
 */
public record Decision(boolean fire, String reason, List<String> met, DatasetChange change)
    implements Serializable {}
