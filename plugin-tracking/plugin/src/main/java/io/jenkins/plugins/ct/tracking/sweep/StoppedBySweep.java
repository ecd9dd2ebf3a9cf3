package io.jenkins.plugins.ct.tracking.sweep;

import jenkins.model.CauseOfInterruption;

/** Why a trial's steps were interrupted: the sweep's scheduler stopped the trial early. */
public final class StoppedBySweep extends CauseOfInterruption {
  private static final long serialVersionUID = 1L;

  private final String sweep;
  private final String explanation;

  StoppedBySweep(String sweep, String explanation) {
    this.sweep = sweep;
    this.explanation = explanation;
  }

  public String getSweep() {
    return sweep;
  }

  public String getExplanation() {
    return explanation;
  }

  @Override
  public String getShortDescription() {
    return "Stopped early by sweep " + sweep + ": " + explanation;
  }
}
