package io.jenkins.plugins.ct.gpu;

import hudson.model.Api;
import hudson.model.Run;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.cost.BuildCost;
import io.ctsuite.gpu.cost.CostModel;
import io.ctsuite.gpu.cost.SampledUtilisation;
import io.ctsuite.gpu.cost.Utilisation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What a build's GPUs were and cost: every lease and GPU agent it used, GPU-hours, the cost at the
 * configured prices, the average utilisation when it was measured, and the warning when most of the
 * paid GPU time was idle. Small: build.xml keeps the list; figures are computed when shown.
 */
@ExportedBean(defaultVisibility = 2)
public final class GpuUsageAction implements RunAction2 {
  private static final Logger LOGGER = Logger.getLogger(GpuUsageAction.class.getName());

  private final List<GpuUse> uses = new ArrayList<>();
  private transient Run<?, ?> run;

  /**
   * The tracking series' reading once the build is over, when the files no longer change: the page
   * and the API ask several times per view, and each reading opens every run.json. Null: not read.
   */
  private transient volatile Optional<Sampled> sampledWhenOver;

  /**
   * While the build runs, the last reading and when it was taken: one view asks several times, and
   * a figure a few seconds old is fine for a build in progress. Null: not read.
   */
  private transient volatile Recent sampledWhileRunning;

  private static final long RUNNING_READING_MILLIS = 5_000;

  private record Recent(long takenAt, Optional<Sampled> reading) {}

  /** Adds a use to the build's action (created on first use) and saves the build. */
  static void record(Run<?, ?> run, GpuUse use) {
    GpuUsageAction action;
    synchronized (run) {
      action = run.getAction(GpuUsageAction.class);
      if (action == null) {
        action = new GpuUsageAction();
        run.addAction(action);
      }
    }
    action.add(use);
    try {
      run.save();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "could not save the GPU use of " + run, e);
    }
  }

  private synchronized void add(GpuUse use) {
    uses.add(use);
    sampledWhenOver = null; // the leased GPUs changed
    sampledWhileRunning = null;
  }

  /**
   * Extends the build's last use of the pod agent {@code node} to {@code endedAt} (the pod was
   * deleted) and saves the build; false when the build has no use of that pod.
   */
  static boolean extendPod(Run<?, ?> run, String node, long endedAt) {
    GpuUsageAction action = run.getAction(GpuUsageAction.class);
    if (action == null || !action.replaceLastPodUse(node, endedAt)) {
      return false;
    }
    try {
      run.save();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "could not save the GPU use of " + run, e);
    }
    return true;
  }

  private synchronized boolean replaceLastPodUse(String node, long endedAt) {
    for (int i = uses.size() - 1; i >= 0; i--) {
      GpuUse use = uses.get(i);
      if (GpuUse.POD.equals(use.getSource()) && node.equals(use.getNode())) {
        uses.set(i, use.endingAt(endedAt));
        return true;
      }
    }
    return false;
  }

  @Override
  public void onAttached(Run<?, ?> r) {
    this.run = r;
  }

  @Override
  public void onLoad(Run<?, ?> r) {
    this.run = r;
  }

  public Api getApi() {
    return new Api(this);
  }

  public Run<?, ?> getRun() {
    return run;
  }

  @Override
  public String getIconFileName() {
    return "symbol-analytics";
  }

  @Override
  public String getDisplayName() {
    return "GPUs";
  }

  @Override
  public String getUrlName() {
    return "gpu";
  }

  @Exported(inline = true)
  public synchronized List<GpuUse> getUses() {
    return List.copyOf(uses);
  }

  /** GPUs held, added over the leases and agents (two branches with 2 GPUs each: 4). */
  @Exported
  public double getGpus() {
    return getUses().stream().mapToDouble(GpuUse::getGpus).sum();
  }

  @Exported
  public double getGpuHours() {
    return getUses().stream().mapToDouble(GpuUse::getGpuHours).sum();
  }

  /** The cost at the configured prices, or null when no use has a price. */
  @Exported
  public Double getCost() {
    return total().amount();
  }

  @Exported
  public String getCurrency() {
    return prices().currency();
  }

  /**
   * Average utilisation: from the tracking plugin's per-GPU series of the build when there are any
   * (its system monitor, read from the build's tracking files), else from this plugin's nvidia-smi
   * samples of the leases, weighted by GPU-hours; null when nothing measured it.
   */
  @Exported
  public Double getAverageUtilisationPercent() {
    Sampled sampled = sampled();
    if (sampled != null) {
      return sampled.utilisation().averagePercent();
    }
    return ownAverage(); // not in one conditional expression: null must not be unboxed
  }

  /**
   * Where the average comes from: "ct-tracking" for the tracking plugin's series, "nvidia-smi" for
   * this plugin's own samples, or null when not measured.
   */
  @Exported
  public String getUtilisationSource() {
    Sampled sampled = sampled();
    if (sampled != null) {
      return sampled.source();
    }
    return ownAverage() == null ? null : "nvidia-smi";
  }

  private record Sampled(String source, Utilisation utilisation) {}

  /** The tracking plugin's series of the GPUs this build held, when it recorded any. */
  private Sampled sampled() {
    if (run == null) {
      return null;
    }
    Optional<Sampled> known = sampledWhenOver;
    if (known != null) {
      return known.orElse(null);
    }
    boolean building = run.isBuilding();
    long now = System.currentTimeMillis();
    Recent recent = sampledWhileRunning;
    if (building && recent != null && now - recent.takenAt() < RUNNING_READING_MILLIS) {
      return recent.reading().orElse(null);
    }
    Optional<Sampled> read =
        SampledUtilisation.of(TrackingGpuUtilisation.series(run), leasedGpus())
            .map(x -> new Sampled(TrackingGpuUtilisation.NAME, x));
    if (building) {
      sampledWhileRunning = new Recent(now, read);
    } else {
      sampledWhenOver = read;
    }
    return read.orElse(null);
  }

  /**
   * The nvidia-smi indices of the GPUs this build leased on static machines; empty (every GPU the
   * series cover) when it also ran on GPU agents, whose pods see only their own GPUs.
   */
  private Set<Integer> leasedGpus() {
    Set<Integer> gpus = new TreeSet<>();
    for (GpuUse use : getUses()) {
      if (use.getDevices() == null) {
        return Set.of();
      }
      for (String d : use.getDevices().split(",")) {
        try {
          gpus.add(Integer.parseInt(d.trim()));
        } catch (NumberFormatException e) {
          return Set.of(); // a MIG or UUID device: no index to match
        }
      }
    }
    return gpus;
  }

  /** This plugin's own samples, weighted by GPU-hours; null if none measured. */
  private Double ownAverage() {
    double weight = 0;
    double sum = 0;
    for (GpuUse use : getUses()) {
      if (use.getUtilisationPercent() != null) {
        double w = Math.max(use.getGpuHours(), 1e-9);
        weight += w;
        sum += use.getUtilisationPercent() * w;
      }
    }
    return weight == 0 ? null : sum / weight;
  }

  /** The under-utilisation warning, or null when the GPUs were busy enough or not measured. */
  @Exported
  public String getWarning() {
    Double average = getAverageUtilisationPercent();
    if (average == null) {
      return null;
    }
    GpuSettings settings = GpuAgents.settings();
    return Utilisation.of(average)
        .wasteWarning(total(), settings.wasteThresholdPercent())
        .orElse(null);
  }

  /** "4 A100s for 2 h: 8.0 GPU-hours, 27.20 USD" over all uses. */
  public String getSummary() {
    return total().describe();
  }

  public String getCostText() {
    Double cost = getCost();
    return cost == null
        ? "no price configured"
        : String.format(Locale.ROOT, "%.2f %s", cost, getCurrency());
  }

  public String getGpuHoursText() {
    return String.format(Locale.ROOT, "%.2f", getGpuHours());
  }

  public String getUtilisationText() {
    Double average = getAverageUtilisationPercent();
    if (average == null) {
      return "not measured";
    }
    String source = getUtilisationSource();
    return String.format(Locale.ROOT, "%.0f %%", average)
        + ("nvidia-smi".equals(source) ? "" : " (from " + source + ")");
  }

  public String durationText(GpuUse use) {
    return Durations.words(Duration.ofMillis(use.getDurationMillis()));
  }

  public String costText(GpuUse use) {
    BuildCost cost = use.cost(prices());
    return cost.amount() == null
        ? "no price"
        : String.format(Locale.ROOT, "%.2f %s", cost.amount(), cost.currency());
  }

  /** All uses as one cost: the type when all share it, the summed GPU-hours and amounts. */
  BuildCost total() {
    CostModel prices = prices();
    List<GpuUse> all = getUses();
    String type =
        all.stream().map(GpuUse::getType).distinct().count() == 1 ? all.get(0).getType() : null;
    double gpus = 0;
    double hours = 0;
    Double amount = null;
    long longest = 0;
    for (GpuUse use : all) {
      BuildCost cost = use.cost(prices);
      gpus += use.getGpus();
      hours += cost.gpuHours();
      longest = Math.max(longest, use.getDurationMillis());
      if (cost.amount() != null) {
        amount = (amount == null ? 0 : amount) + cost.amount();
      }
    }
    return new BuildCost(type, gpus, Duration.ofMillis(longest), hours, amount, prices.currency());
  }

  private static CostModel prices() {
    return GpuAgents.settings().costModel();
  }
}
