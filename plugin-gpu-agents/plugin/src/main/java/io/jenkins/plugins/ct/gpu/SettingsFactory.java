package io.jenkins.plugins.ct.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import hudson.Util;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.pod.PodSpecOptions;
import io.ctsuite.gpu.policy.Quota;
import io.ctsuite.gpu.policy.SchedulingPolicy;
import io.ctsuite.gpu.reaper.ReaperPolicy;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the form fields of {@link CtGpuConfiguration} into the model's {@link GpuSettings}. */
final class SettingsFactory {
  private SettingsFactory() {}

  static GpuSettings build(CtGpuConfiguration c) {
    Map<String, List<String>> products =
        new LinkedHashMap<>(PodSpecOptions.defaults().gpuProducts());
    Map<String, Double> prices = new LinkedHashMap<>();
    for (GpuTypeSetting type : c.getGpuTypes()) {
      if (type.getName().isEmpty()) {
        throw new InputException("gpuTypes: a GPU type has no name");
      }
      List<String> labels = type.labelValues();
      if (!labels.isEmpty()) {
        products.put(type.getName(), labels);
      } else if (!products.containsKey(type.getName())) {
        throw new InputException(
            "gpuTypes."
                + type.getName()
                + ": nodeLabels is empty; list the "
                + (c.getProductLabel() == null ? PodSpecOptions.PRODUCT_LABEL : c.getProductLabel())
                + " values of its nodes, e.g. NVIDIA-A100-SXM4-80GB");
      }
      if (type.getPricePerHour() != null) {
        prices.put(type.getName(), type.getPricePerHour());
      }
    }
    Duration deadline =
        c.getActiveDeadline() == null
            ? null
            : Durations.parse(c.getActiveDeadline(), "activeDeadline");
    PodSpecOptions pods =
        new PodSpecOptions(
            products,
            c.getProductLabel(),
            null,
            c.getTrainingImage(),
            null,
            c.getAgentImage(),
            null,
            null,
            c.getCpuPerGpu(),
            c.getMemoryPerGpu(),
            c.getShmSize(),
            c.getPodPriorityClassName(),
            deadline == null ? null : deadline.getSeconds(),
            tolerations(c.getGpuTolerations(), "gpuTolerations"),
            lines(c.getSpotNodeLabels()),
            tolerations(c.getSpotTolerations(), "spotTolerations"));
    List<Quota> quotas = new ArrayList<>();
    for (GpuQuotaSetting q : c.getQuotas()) {
      quotas.add(new Quota(q.getFolder(), q.getGpuType(), q.getMaxGpus()));
    }
    ReaperPolicy reaper =
        new ReaperPolicy(
            duration(c.getPendingTimeout(), "pendingTimeout"),
            duration(c.getIdleTimeout(), "idleTimeout"),
            duration(c.getEndedGrace(), "endedGrace"),
            duration(c.getOrphanGrace(), "orphanGrace"));
    return new GpuSettings(
        pods,
        null,
        reaper,
        policy(c.getPriorities(), c.getDefaultPriority(), quotas, c.isBackfill()),
        prices,
        c.getCurrency(),
        c.getWasteThresholdPercent());
  }

  static SchedulingPolicy policy(
      String priorities, String defaultPriority, List<Quota> quotas, boolean backfill) {
    List<String> classes = lines(priorities);
    return new SchedulingPolicy(classes, Util.fixEmptyAndTrim(defaultPriority), quotas, backfill);
  }

  /** A YAML list of tolerations; null (the model's default) when blank. */
  static List<Toleration> tolerations(String yaml, String field) {
    if (yaml == null || yaml.isBlank()) {
      return null;
    }
    try {
      List<Toleration> list = Json.yaml().readValue(yaml, new TypeReference<List<Toleration>>() {});
      return list == null ? List.of() : list;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
      throw new InputException(
          field
              + where
              + ": not a YAML list of tolerations (- key: nvidia.com/gpu, operator: Exists,"
              + " effect: NoSchedule): "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** One entry per line or comma; null when blank so that the model's default applies. */
  static List<String> lines(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (String v : text.split("[,\\n]")) {
      if (!v.isBlank()) {
        values.add(v.trim());
      }
    }
    return values.isEmpty() ? null : values;
  }

  private static Duration duration(String text, String field) {
    return text == null ? null : Durations.parse(text, field);
  }
}
