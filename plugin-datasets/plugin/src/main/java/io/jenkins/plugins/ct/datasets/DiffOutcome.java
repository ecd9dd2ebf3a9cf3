package io.jenkins.plugins.ct.datasets;

import java.io.Serializable;
import java.util.List;

/**
 * A change decision made where the registry is: retrain or not, why in one sentence, which
 * conditions held, and the numbers.
 */
record DiffOutcome(
    boolean retrain,
    String reason,
    List<String> met,
    String toId,
    String toLabel,
    String fromId,
    String fromLabel,
    ChangeSummary change)
    implements Serializable {}
