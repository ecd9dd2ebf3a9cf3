package io.ctsuite.gpu;

import io.ctsuite.gpu.cluster.AgentPods;
import io.ctsuite.gpu.cost.CostModel;
import io.ctsuite.gpu.pod.PodSpecOptions;
import io.ctsuite.gpu.policy.SchedulingPolicy;
import io.ctsuite.gpu.reaper.ReaperPolicy;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything an administrator sets for GPU agents, in one YAML file ({@code ct gpu --config}) or
 * the Jenkins cloud page. Every section may be left out for its defaults:
 *
 * <pre>
 * pods:            # how requests become pods (PodSpecOptions)
 *   gpuProducts: {a100: [NVIDIA-A100-SXM4-80GB]}
 *   shmSize: 32Gi
 * agentPods: [jenkins=slave]
 * reaper: {pendingTimeout: 45m, idleTimeout: 15m}
 * scheduling:
 *   priorities: [production-retrain, nightly, hpo-sweep]
 *   quotas: [{folder: team-vision, maxGpus: 16}]
 * prices: {a100: 3.40, h100: 6.98}
 * currency: USD
 * wasteThresholdPercent: 50
 * </pre>
 */
public record GpuSettings(
    PodSpecOptions pods,
    List<String> agentPods,
    ReaperPolicy reaper,
    SchedulingPolicy scheduling,
    Map<String, Double> prices,
    String currency,
    Double wasteThresholdPercent)
    implements Serializable {

  public GpuSettings {
    pods = pods == null ? PodSpecOptions.defaults() : pods;
    agentPods = agentPods == null ? List.of() : List.copyOf(agentPods);
    reaper = reaper == null ? ReaperPolicy.defaults() : reaper;
    scheduling = scheduling == null ? SchedulingPolicy.defaults() : scheduling;
    prices = prices == null ? Map.of() : Map.copyOf(prices);
    wasteThresholdPercent = wasteThresholdPercent == null ? 50.0 : wasteThresholdPercent;
  }

  public static GpuSettings defaults() {
    return new GpuSettings(null, null, null, null, null, null, null);
  }

  /** Reads a settings file; errors name the file, line and field. */
  public static GpuSettings read(String yaml, String source) {
    return ConfigYaml.read(yaml, source, GpuSettings.class);
  }

  public AgentPods agentSelector() {
    return new AgentPods(agentPods);
  }

  public CostModel costModel() {
    return new CostModel(prices, currency);
  }
}
