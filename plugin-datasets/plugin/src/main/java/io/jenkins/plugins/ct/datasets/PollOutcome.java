package io.jenkins.plugins.ct.datasets;

import java.io.Serializable;

/**
 * One poll's answer: fire or not, why in one sentence, the version the build would get (recorded
 * only when firing), and the baseline it was compared with.
 */
record PollOutcome(
    boolean fire,
    String reason,
    String versionId,
    String versionLabel,
    String baselineId,
    String baselineLabel,
    ChangeSummary change)
    implements Serializable {}
