package io.jenkins.plugins.ct.gpu;

import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ctsuite.core.InputException;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.pod.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide settings for GPU agents (Manage Jenkins » System, and JCasC as {@code
 * unclassified: ctGpuAgents:}). The fields are what an administrator types; {@link #settings()}
 * turns them into the model's {@link GpuSettings}, which every other part of the plugin uses.
 */
@Extension
@Symbol("ctGpuAgents")
public class CtGpuConfiguration extends GlobalConfiguration {
  static final String DEFAULT_RESOURCE_NAME = "nvidia.com/gpu";
  static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 1800;
  static final String DEFAULT_POD_RETENTION = "never";
  static final int DEFAULT_SLOT_LEASE_MINUTES = 15;

  /** A Kubernetes extended resource name: a DNS subdomain prefix, a slash, then a name. */
  private static final Pattern EXTENDED_RESOURCE =
      Pattern.compile(
          "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
              + "/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private String gpuResourceName = DEFAULT_RESOURCE_NAME;
  private List<GpuTypeSetting> gpuTypes = new ArrayList<>();
  private String productLabel;
  private String trainingImage;
  private String agentImage;
  private String cpuPerGpu;
  private String memoryPerGpu;
  private String shmSize;
  private String gpuTolerations;
  private String spotNodeLabels;
  private String spotTolerations;
  private String podPriorityClassName;
  private String activeDeadline;
  private String priorities;
  private String defaultPriority;
  private boolean backfill;
  private List<GpuQuotaSetting> quotas = new ArrayList<>();
  private String currency;
  private Double wasteThresholdPercent;
  private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
  private String podRetention = DEFAULT_POD_RETENTION;
  private boolean elasticCapacity = true;
  private boolean kubernetesLabels = true;
  private boolean reaperEnabled = true;
  private boolean reaperDryRun;
  private String pendingTimeout;
  private String idleTimeout;
  private String endedGrace;
  private String orphanGrace;
  private int slotLeaseMinutes = DEFAULT_SLOT_LEASE_MINUTES;

  private transient volatile GpuSettings settings;

  public CtGpuConfiguration() {
    load();
  }

  /** The configuration Jenkins holds, or {@code null} when Jenkins is not running. */
  public static CtGpuConfiguration get() {
    return GlobalConfiguration.all().get(CtGpuConfiguration.class);
  }

  /** The model settings of the running Jenkins, or the defaults outside one. */
  public static GpuSettings settingsOrDefaults() {
    CtGpuConfiguration c = get();
    return c == null ? GpuSettings.defaults() : c.settings();
  }

  /**
   * The model settings these fields make. A bad value (possible only through JCasC or a hand-edited
   * file, since the form refuses it) is an {@link InputException} naming the field.
   */
  public GpuSettings settings() {
    GpuSettings s = settings;
    if (s == null) {
      s = SettingsFactory.build(this);
      settings = s;
    }
    return s;
  }

  @Override
  public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
    // repeatable lists left empty in the form are absent from the JSON: clear them first
    gpuTypes = new ArrayList<>();
    quotas = new ArrayList<>();
    req.bindJSON(this, json);
    try {
      settings = SettingsFactory.build(this);
    } catch (InputException e) {
      throw new FormException(e.getMessage(), "gpuTypes");
    }
    save();
    return true;
  }

  private void changed() {
    settings = null;
    save();
  }

  // --- Kubernetes pods -----------------------------------------------------------------------

  /** The resource that GPU pods request in {@code resources.limits} for whole GPUs. */
  public String getGpuResourceName() {
    return gpuResourceName;
  }

  @DataBoundSetter
  public void setGpuResourceName(String gpuResourceName) {
    String trimmed = gpuResourceName == null ? "" : gpuResourceName.trim();
    this.gpuResourceName = trimmed.isEmpty() ? DEFAULT_RESOURCE_NAME : trimmed;
    changed();
  }

  /** GPU types as written in requests, with their node label values and prices. */
  public List<GpuTypeSetting> getGpuTypes() {
    return gpuTypes == null ? List.of() : List.copyOf(gpuTypes);
  }

  @DataBoundSetter
  public void setGpuTypes(List<GpuTypeSetting> gpuTypes) {
    this.gpuTypes = gpuTypes == null ? new ArrayList<>() : new ArrayList<>(gpuTypes);
    changed();
  }

  public String getProductLabel() {
    return productLabel;
  }

  @DataBoundSetter
  public void setProductLabel(String productLabel) {
    this.productLabel = Util.fixEmptyAndTrim(productLabel);
    changed();
  }

  public String getTrainingImage() {
    return trainingImage;
  }

  @DataBoundSetter
  public void setTrainingImage(String trainingImage) {
    this.trainingImage = Util.fixEmptyAndTrim(trainingImage);
    changed();
  }

  public String getAgentImage() {
    return agentImage;
  }

  @DataBoundSetter
  public void setAgentImage(String agentImage) {
    this.agentImage = Util.fixEmptyAndTrim(agentImage);
    changed();
  }

  public String getCpuPerGpu() {
    return cpuPerGpu;
  }

  @DataBoundSetter
  public void setCpuPerGpu(String cpuPerGpu) {
    this.cpuPerGpu = Util.fixEmptyAndTrim(cpuPerGpu);
    changed();
  }

  public String getMemoryPerGpu() {
    return memoryPerGpu;
  }

  @DataBoundSetter
  public void setMemoryPerGpu(String memoryPerGpu) {
    this.memoryPerGpu = Util.fixEmptyAndTrim(memoryPerGpu);
    changed();
  }

  public String getShmSize() {
    return shmSize;
  }

  @DataBoundSetter
  public void setShmSize(String shmSize) {
    this.shmSize = Util.fixEmptyAndTrim(shmSize);
    changed();
  }

  /** Tolerations of GPU pods as a YAML list; blank for the NVIDIA default. */
  public String getGpuTolerations() {
    return gpuTolerations;
  }

  @DataBoundSetter
  public void setGpuTolerations(String gpuTolerations) {
    this.gpuTolerations = Util.fixEmptyAndTrim(gpuTolerations);
    changed();
  }

  /** key=value labels of spot nodes, one per line; blank for the common clouds' labels. */
  public String getSpotNodeLabels() {
    return spotNodeLabels;
  }

  @DataBoundSetter
  public void setSpotNodeLabels(String spotNodeLabels) {
    this.spotNodeLabels = Util.fixEmptyAndTrim(spotNodeLabels);
    changed();
  }

  public String getSpotTolerations() {
    return spotTolerations;
  }

  @DataBoundSetter
  public void setSpotTolerations(String spotTolerations) {
    this.spotTolerations = Util.fixEmptyAndTrim(spotTolerations);
    changed();
  }

  /** The Kubernetes priority class of GPU pods whose request names none; blank for none. */
  public String getPodPriorityClassName() {
    return podPriorityClassName;
  }

  @DataBoundSetter
  public void setPodPriorityClassName(String podPriorityClassName) {
    this.podPriorityClassName = Util.fixEmptyAndTrim(podPriorityClassName);
    changed();
  }

  /** Longest run of a GPU pod (e.g. 12h); blank for no limit. */
  public String getActiveDeadline() {
    return activeDeadline;
  }

  @DataBoundSetter
  public void setActiveDeadline(String activeDeadline) {
    this.activeDeadline = Util.fixEmptyAndTrim(activeDeadline);
    changed();
  }

  /** Seconds a GPU pod may take to connect: long enough for a GPU node pool to scale up. */
  public int getConnectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  @DataBoundSetter
  public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
    this.connectTimeoutSeconds =
        connectTimeoutSeconds < 1 ? DEFAULT_CONNECT_TIMEOUT_SECONDS : connectTimeoutSeconds;
    changed();
  }

  /**
   * Whether labels holding a GPU request ({@code agent { label 'gpu:a100:2' }}) provision a
   * matching pod in every Kubernetes cloud, without a pod template of their own.
   */
  public boolean isKubernetesLabels() {
    return kubernetesLabels;
  }

  @DataBoundSetter
  public void setKubernetesLabels(boolean kubernetesLabels) {
    this.kubernetesLabels = kubernetesLabels;
    changed();
  }

  /** never, on-failure, always, or default (the cloud's). */
  public String getPodRetention() {
    return podRetention == null ? DEFAULT_POD_RETENTION : podRetention;
  }

  @DataBoundSetter
  public void setPodRetention(String podRetention) {
    String value = Util.fixEmptyAndTrim(podRetention);
    this.podRetention = value == null ? DEFAULT_POD_RETENTION : value;
    changed();
  }

  // --- Queue ---------------------------------------------------------------------------------

  /** Priority classes, highest first, one per line or comma separated. */
  public String getPriorities() {
    return priorities;
  }

  @DataBoundSetter
  public void setPriorities(String priorities) {
    this.priorities = Util.fixEmptyAndTrim(priorities);
    changed();
  }

  public String getDefaultPriority() {
    return defaultPriority;
  }

  @DataBoundSetter
  public void setDefaultPriority(String defaultPriority) {
    this.defaultPriority = Util.fixEmptyAndTrim(defaultPriority);
    changed();
  }

  public boolean isBackfill() {
    return backfill;
  }

  @DataBoundSetter
  public void setBackfill(boolean backfill) {
    this.backfill = backfill;
    changed();
  }

  public List<GpuQuotaSetting> getQuotas() {
    return quotas == null ? List.of() : List.copyOf(quotas);
  }

  @DataBoundSetter
  public void setQuotas(List<GpuQuotaSetting> quotas) {
    this.quotas = quotas == null ? new ArrayList<>() : new ArrayList<>(quotas);
    changed();
  }

  /**
   * Whether the clusters scale GPU node pools with demand: then only quotas hold builds in the
   * queue; otherwise a GPU build also waits until a node has its GPUs free.
   */
  public boolean isElasticCapacity() {
    return elasticCapacity;
  }

  @DataBoundSetter
  public void setElasticCapacity(boolean elasticCapacity) {
    this.elasticCapacity = elasticCapacity;
    changed();
  }

  // --- Cost ----------------------------------------------------------------------------------

  public String getCurrency() {
    return currency;
  }

  @DataBoundSetter
  public void setCurrency(String currency) {
    this.currency = Util.fixEmptyAndTrim(currency);
    changed();
  }

  public Double getWasteThresholdPercent() {
    return wasteThresholdPercent;
  }

  @DataBoundSetter
  public void setWasteThresholdPercent(Double wasteThresholdPercent) {
    this.wasteThresholdPercent = wasteThresholdPercent;
    changed();
  }

  // --- Reaper --------------------------------------------------------------------------------

  public boolean isReaperEnabled() {
    return reaperEnabled;
  }

  @DataBoundSetter
  public void setReaperEnabled(boolean reaperEnabled) {
    this.reaperEnabled = reaperEnabled;
    changed();
  }

  /** Decide and log, but delete nothing. */
  public boolean isReaperDryRun() {
    return reaperDryRun;
  }

  @DataBoundSetter
  public void setReaperDryRun(boolean reaperDryRun) {
    this.reaperDryRun = reaperDryRun;
    changed();
  }

  public String getPendingTimeout() {
    return pendingTimeout;
  }

  @DataBoundSetter
  public void setPendingTimeout(String pendingTimeout) {
    this.pendingTimeout = Util.fixEmptyAndTrim(pendingTimeout);
    changed();
  }

  public String getIdleTimeout() {
    return idleTimeout;
  }

  @DataBoundSetter
  public void setIdleTimeout(String idleTimeout) {
    this.idleTimeout = Util.fixEmptyAndTrim(idleTimeout);
    changed();
  }

  public String getEndedGrace() {
    return endedGrace;
  }

  @DataBoundSetter
  public void setEndedGrace(String endedGrace) {
    this.endedGrace = Util.fixEmptyAndTrim(endedGrace);
    changed();
  }

  public String getOrphanGrace() {
    return orphanGrace;
  }

  @DataBoundSetter
  public void setOrphanGrace(String orphanGrace) {
    this.orphanGrace = Util.fixEmptyAndTrim(orphanGrace);
    changed();
  }

  // --- Static machines -----------------------------------------------------------------------

  /** How long a withGpus lease lives without renewal; the step renews it while its body runs. */
  public int getSlotLeaseMinutes() {
    return slotLeaseMinutes < 1 ? DEFAULT_SLOT_LEASE_MINUTES : slotLeaseMinutes;
  }

  @DataBoundSetter
  public void setSlotLeaseMinutes(int slotLeaseMinutes) {
    this.slotLeaseMinutes = slotLeaseMinutes < 1 ? DEFAULT_SLOT_LEASE_MINUTES : slotLeaseMinutes;
    changed();
  }

  // --- Form -----------------------------------------------------------------------------------

  public ListBoxModel doFillPodRetentionItems() {
    ListBoxModel items = new ListBoxModel();
    items.add("Never (delete GPU pods when their build ends)", "never");
    items.add("On failure (keep failed pods to look at)", "on-failure");
    items.add("Always (keep every pod)", "always");
    items.add("The cloud's default", "default");
    return items;
  }

  @POST
  public FormValidation doCheckGpuResourceName(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    String name = value == null ? "" : value.trim();
    if (name.isEmpty()) {
      return FormValidation.warning("Empty: %s will be used.", DEFAULT_RESOURCE_NAME);
    }
    return isExtendedResourceName(name)
        ? FormValidation.ok()
        : FormValidation.error(
            "'%s' is not an extended resource name such as nvidia.com/gpu or amd.com/gpu.", name);
  }

  @POST
  public FormValidation doCheckCpuPerGpu(@QueryParameter String value) {
    return checkQuantity(value, "cpuPerGpu");
  }

  @POST
  public FormValidation doCheckMemoryPerGpu(@QueryParameter String value) {
    return checkQuantity(value, "memoryPerGpu");
  }

  @POST
  public FormValidation doCheckShmSize(@QueryParameter String value) {
    return checkQuantity(value, "shmSize");
  }

  @POST
  public FormValidation doCheckActiveDeadline(@QueryParameter String value) {
    return checkDuration(value, "activeDeadline");
  }

  @POST
  public FormValidation doCheckPendingTimeout(@QueryParameter String value) {
    return checkDuration(value, "pendingTimeout");
  }

  @POST
  public FormValidation doCheckIdleTimeout(@QueryParameter String value) {
    return checkDuration(value, "idleTimeout");
  }

  @POST
  public FormValidation doCheckEndedGrace(@QueryParameter String value) {
    return checkDuration(value, "endedGrace");
  }

  @POST
  public FormValidation doCheckOrphanGrace(@QueryParameter String value) {
    return checkDuration(value, "orphanGrace");
  }

  @POST
  public FormValidation doCheckGpuTolerations(@QueryParameter String value) {
    return checkTolerations(value, "gpuTolerations");
  }

  @POST
  public FormValidation doCheckSpotTolerations(@QueryParameter String value) {
    return checkTolerations(value, "spotTolerations");
  }

  @POST
  public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    try {
      int seconds = Integer.parseInt(value.trim());
      if (seconds < 1) {
        return FormValidation.error("A connect timeout is at least 1 second.");
      }
      if (seconds < 600) {
        return FormValidation.warning(
            "GPU node pools often take 5 to 15 minutes to scale up and install drivers; %d s may"
                + " give up on a pod that would have started.",
            seconds);
      }
      return FormValidation.ok();
    } catch (NumberFormatException e) {
      return FormValidation.error("Write a whole number of seconds, e.g. 1800.");
    }
  }

  @POST
  public FormValidation doCheckPriorities(
      @QueryParameter String value, @QueryParameter String defaultPriority) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    try {
      SettingsFactory.policy(value, defaultPriority, List.of(), false);
      return FormValidation.ok();
    } catch (InputException e) {
      return FormValidation.error(e.getMessage());
    }
  }

  private static FormValidation checkQuantity(String value, String field) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    if (value == null || value.isBlank()) {
      return FormValidation.ok();
    }
    try {
      Quantities.amount(value.trim(), field);
      return FormValidation.ok();
    } catch (InputException | IllegalArgumentException e) {
      return FormValidation.error(e.getMessage());
    }
  }

  private static FormValidation checkDuration(String value, String field) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    if (value == null || value.isBlank()) {
      return FormValidation.ok();
    }
    return Durations.parseOrNull(value) == null
        ? FormValidation.error(
            "'%s' is not a duration; write e.g. 90s, 15m, 6h, 2d or 1h30m.", value)
        : FormValidation.ok();
  }

  private static FormValidation checkTolerations(String value, String field) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    try {
      SettingsFactory.tolerations(value, field);
      return FormValidation.ok();
    } catch (InputException e) {
      return FormValidation.error(e.getMessage());
    }
  }

  static boolean isExtendedResourceName(String name) {
    return name.length() <= 316
        && EXTENDED_RESOURCE.matcher(name).matches()
        && !name.startsWith("kubernetes.io/");
  }
}
