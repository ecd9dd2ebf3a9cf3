package io.jenkins.plugins.ct.tracking.sweep;

import io.ctsuite.tracking.sweep.Trial;
import io.ctsuite.tracking.sweep.schedule.Objective;
import io.ctsuite.tracking.sweep.space.ParamFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One trial of a sweep as the build page and the JSON API show it. A read-only snapshot. */
@ExportedBean(defaultVisibility = 2)
public final class SweepTrialRow {
  private final Trial trial;
  private final int rank;

  SweepTrialRow(Trial trial, int rank) {
    this.trial = trial;
    this.rank = rank;
  }

  @Exported
  public int getNumber() {
    return trial.number();
  }

  /** Its place on the leaderboard (by its last value of the metric); 0 when it reported none. */
  @Exported
  public int getRank() {
    return rank;
  }

  @Exported
  public Map<String, Object> getParams() {
    return new LinkedHashMap<>(trial.params());
  }

  /** running, completed, stopped, failed or interrupted. */
  @Exported
  public String getStatus() {
    return trial.status().id();
  }

  /** The last value of the sweep's metric; null before the first report (or NaN). */
  @Exported
  public Double getValue() {
    return finite(trial.lastValue());
  }

  /** The best value of the sweep's metric so far. */
  @Exported
  public Double getBest() {
    return finite(trial.bestValue());
  }

  /** How far it got, in units of the time attribute (the step of its last report). */
  @Exported
  public Double getTime() {
    return finite(trial.time());
  }

  @Exported
  public long getReports() {
    return trial.reports();
  }

  /** Time units used, over all its attempts. */
  @Exported
  public double getCompute() {
    return trial.compute();
  }

  @Exported
  public int getAttempts() {
    return trial.attempts();
  }

  /** Why it ended (the scheduler's explanation, a failure); null while it runs. */
  @Exported
  public String getReason() {
    return trial.reason();
  }

  /** The rungs it passed or was stopped at, as explained sentences. */
  @Exported
  public List<String> getRungs() {
    return new ArrayList<>(trial.rungs());
  }

  public String getValueText() {
    return Double.isNaN(trial.lastValue()) && trial.reports() == 0
        ? ""
        : Objective.brief(trial.lastValue());
  }

  public String getTimeText() {
    return Double.isNaN(trial.time()) ? "" : ParamFormat.format(trial.time());
  }

  public String getComputeText() {
    return ParamFormat.format(ParamFormat.round(trial.compute()));
  }

  /** One parameter's value as text; empty when the trial does not have it (conditional). */
  public String param(String name) {
    return trial.params().containsKey(name) ? ParamFormat.format(trial.params().get(name)) : "";
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
