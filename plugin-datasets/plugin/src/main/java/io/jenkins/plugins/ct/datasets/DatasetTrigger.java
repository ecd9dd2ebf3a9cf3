package io.jenkins.plugins.ct.datasets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.CauseAction;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.scheduler.CronTabList;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.DaemonThreadFactory;
import hudson.util.FormValidation;
import hudson.util.NamingThreadFactory;
import hudson.util.SequentialExecutionQueue;
import hudson.util.StreamTaskListener;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.policy.ChangePolicy;
import io.ctsuite.datasets.snapshot.PathPattern;
import io.ctsuite.datasets.store.S3Location;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Starts a build when a dataset changed enough since the version the job last consumed: on a cron
 * schedule it lists and hashes the location (on the controller, or on an agent with the given label
 * for a mounted directory), lets the change policy decide, and when it fires records the version
 * and starts a build whose cause says why and whose environment names the version ({@code
 * CT_DATASET}, {@code CT_DATASET_VERSION}, {@code CT_DATASET_PREVIOUS}, {@code CT_TRIGGER_REASON}).
 *
 * <p>Pipeline: {@code properties([pipelineTriggers([datasetChange(spec: 'H/15 * * * *', name:
 * 'videos', location: '/data/videos', policy: [growth: 1.5, newSource: true, quiet: '10m'])])])} or
 * {@code triggers { datasetChange(...) }}; Freestyle: Build Triggers.
 *
 * <p>Polls of one job never overlap; a change fires once (the fired version becomes the baseline);
 * a batch still being copied does not fire while its newest file is younger than the quiet period,
 * nor while files change under the hashing.
 */
public class DatasetTrigger extends Trigger<Job<?, ?>> {
  private static final Logger LOGGER = Logger.getLogger(DatasetTrigger.class.getName());
  static final String LOG_FILE = "ct-datasets-polling.log";
  static final String HISTORY_FILE = "ct-datasets-polling-history.log";
  private static final int HISTORY_LINES = 50;

  private final String name;
  private final String location;
  private String registry;
  private String credentialsId;
  private String label;
  private double growth;
  private boolean newSource;
  private long newFiles;
  private String newBytes;
  private double labelShift;
  private String quietPeriod;
  private String rule;
  private String mapRule;
  private String patterns;
  private String excludes;
  private String filter;

  private transient AtomicBoolean polling;

  @DataBoundConstructor
  public DatasetTrigger(String spec, String name, String location) {
    super(spec == null ? "" : spec);
    this.name = name == null ? null : name.trim();
    this.location = location == null ? null : location.trim();
  }

  public String getName() {
    return name;
  }

  public String getLocation() {
    return location;
  }

  public String getRegistry() {
    return registry;
  }

  @DataBoundSetter
  public void setRegistry(String registry) {
    this.registry = Util.fixEmptyAndTrim(registry);
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
  }

  /** Where to look: an agent label for a directory mounted there; empty for the controller. */
  public String getLabel() {
    return label;
  }

  @DataBoundSetter
  public void setLabel(String label) {
    this.label = Util.fixEmptyAndTrim(label);
  }

  public double getGrowth() {
    return growth;
  }

  @DataBoundSetter
  public void setGrowth(double growth) {
    this.growth = Math.max(0, growth);
  }

  public boolean isNewSource() {
    return newSource;
  }

  @DataBoundSetter
  public void setNewSource(boolean newSource) {
    this.newSource = newSource;
  }

  public long getNewFiles() {
    return newFiles;
  }

  @DataBoundSetter
  public void setNewFiles(long newFiles) {
    this.newFiles = Math.max(0, newFiles);
  }

  public String getNewBytes() {
    return newBytes;
  }

  @DataBoundSetter
  public void setNewBytes(String newBytes) {
    this.newBytes = Util.fixEmptyAndTrim(newBytes);
  }

  public double getLabelShift() {
    return labelShift;
  }

  @DataBoundSetter
  public void setLabelShift(double labelShift) {
    this.labelShift = Math.max(0, labelShift);
  }

  public String getQuietPeriod() {
    return quietPeriod;
  }

  /** How long the newest file must be left alone before a change counts, e.g. {@code 10m}. */
  @DataBoundSetter
  public void setQuietPeriod(String quietPeriod) {
    this.quietPeriod = Util.fixEmptyAndTrim(quietPeriod);
  }

  public String getRule() {
    return rule;
  }

  /** More conditions in the policy language, e.g. {@code byte-growth>=2}. */
  @DataBoundSetter
  public void setRule(String rule) {
    this.rule = Util.fixEmptyAndTrim(rule);
  }

  /** Not kept as given: the map is written in the policy language (see {@link #getRule}). */
  @CheckForNull
  public Map<String, Object> getPolicy() {
    return null;
  }

  /** The policy as a Jenkinsfile map: {@code [growth: 1.5, newSource: true, quiet: '10m']}. */
  @DataBoundSetter
  public void setPolicy(Map<String, Object> policy) {
    this.mapRule = Util.fixEmptyAndTrim(PolicyText.of(policy));
  }

  public String getPatterns() {
    return patterns;
  }

  @DataBoundSetter
  public void setPatterns(String patterns) {
    this.patterns = Util.fixEmptyAndTrim(patterns);
  }

  public String getExcludes() {
    return excludes;
  }

  @DataBoundSetter
  public void setExcludes(String excludes) {
    this.excludes = Util.fixEmptyAndTrim(excludes);
  }

  public String getFilter() {
    return filter;
  }

  @DataBoundSetter
  public void setFilter(String filter) {
    this.filter = Util.fixEmptyAndTrim(filter);
  }

  /** The change policy in the model's language. */
  public String getPolicyText() {
    List<String> items = new ArrayList<>();
    if (growth > 0) {
      items.add("growth>=" + growth);
    }
    if (newSource) {
      items.add("new-source");
    }
    if (newFiles > 0) {
      items.add("files>=" + newFiles);
    }
    if (newBytes != null) {
      items.add("bytes>=" + newBytes);
    }
    if (labelShift > 0) {
      items.add("label-shift>" + labelShift);
    }
    if (quietPeriod != null) {
      items.add("quiet=" + quietPeriod);
    }
    if (mapRule != null) {
      items.add(mapRule);
    }
    if (rule != null) {
      items.add(rule);
    }
    return String.join(", ", items);
  }

  ChangePolicy changePolicy() {
    return PolicyText.parse(getPolicyText());
  }

  @CheckForNull
  Job<?, ?> getJob() {
    return job;
  }

  File logFile() {
    return new File(job.getRootDir(), LOG_FILE);
  }

  @Override
  public void run() {
    if (job == null) {
      return;
    }
    if (job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> p && p.isDisabled()) {
      return;
    }
    getDescriptor().queue.execute(new Poll(job, this));
  }

  /** A poll as the executor runs it; two for the same job are one (SequentialExecutionQueue). */
  private static final class Poll implements Runnable {
    private final Job<?, ?> job;
    private final DatasetTrigger trigger;

    Poll(Job<?, ?> job, DatasetTrigger trigger) {
      this.job = job;
      this.trigger = trigger;
    }

    @Override
    public void run() {
      trigger.poll();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Poll p && p.job == job;
    }

    @Override
    public int hashCode() {
      return job.hashCode();
    }
  }

  private synchronized AtomicBoolean pollingFlag() {
    if (polling == null) {
      polling = new AtomicBoolean();
    }
    return polling;
  }

  /**
   * Polls now on the calling thread and starts a build when the change qualifies.
   *
   * @return the outcome, or null when another poll of this job was still running or the poll failed
   *     (the polling log says why)
   */
  @CheckForNull
  public PollOutcome poll() {
    if (job == null) {
      return null;
    }
    AtomicBoolean flag = pollingFlag();
    if (!flag.compareAndSet(false, true)) {
      appendHistory("skipped: the previous poll is still running");
      return null;
    }
    long started = System.currentTimeMillis();
    PollOutcome outcome = null;
    String summary;
    try (StreamTaskListener listener = new StreamTaskListener(logFile(), StandardCharsets.UTF_8)) {
      PrintStream log = listener.getLogger();
      log.println("Started on " + new Date(started));
      try {
        outcome = pollOnce(listener);
        summary = outcome.fire() ? "fired: " + outcome.reason() : "no build: " + outcome.reason();
      } catch (AbortException | InputException e) {
        log.println("No build: " + e.getMessage());
        summary = "no build: " + e.getMessage();
      } catch (IOException | RuntimeException e) {
        log.println("The poll failed: " + e);
        LOGGER.log(Level.WARNING, "dataset poll of " + job.getFullName() + " failed", e);
        summary = "failed: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.println("The poll was interrupted.");
        summary = "interrupted";
      }
      log.printf(
          Locale.ROOT, "Done. Took %.1f s%n", (System.currentTimeMillis() - started) / 1000.0);
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "cannot write the dataset polling log of " + job.getFullName(), e);
      summary = "failed: " + e.getMessage();
    } finally {
      flag.set(false);
    }
    appendHistory(summary);
    return outcome;
  }

  private PollOutcome pollOnce(StreamTaskListener listener)
      throws IOException, InterruptedException {
    String dataset = RegistryStep.checkName(name);
    if (location == null || location.isEmpty()) {
      throw new AbortException("the trigger names no location to watch");
    }
    PrintStream log = listener.getLogger();
    ChangePolicy policy = changePolicy();
    Node node = null;
    if (label != null) {
      node = onlineNode(label);
      if (node == null) {
        throw new AbortException(
            "no online node has the label '" + label + "'; the next poll tries again");
      }
      log.println(
          "Looking on "
              + (node.getNodeName().isEmpty() ? "the built-in node" : node.getNodeName()));
    }
    RegistryRef ref = Registries.forItem(registry, credentialsId, job, node);
    JobDatasets.Seen baseline = baseline(dataset);
    if (baseline != null) {
      log.println(
          "Last consumed: "
              + baseline.versionLabel()
              + (baseline.build() > 0 ? " (build #" + baseline.build() + ")" : ""));
    }
    DatasetSnapshotStep options = new DatasetSnapshotStep(dataset, location);
    options.setPatterns(patterns);
    options.setExcludes(excludes);
    String chosenFilter =
        filter != null ? filter : Util.fixEmptyAndTrim(Registries.config().getDefaultFilter());
    PollCallable callable =
        new PollCallable(
            dataset,
            location,
            ref,
            options.options(),
            chosenFilter,
            baseline == null ? null : baseline.versionId(),
            policy,
            System.currentTimeMillis(),
            "Jenkins " + job.getFullName() + " dataset trigger",
            listener);
    PollOutcome outcome;
    if (node == null || node instanceof Jenkins) {
      outcome = callable.call();
    } else {
      Computer computer = node.toComputer();
      hudson.remoting.VirtualChannel channel = computer == null ? null : computer.getChannel();
      if (channel == null) {
        throw new AbortException(node.getNodeName() + " went offline; the next poll tries again");
      }
      outcome = channel.call(callable);
    }
    if (outcome.fire()) {
      schedule(dataset, ref, outcome, log);
    }
    return outcome;
  }

  /**
   * The version the job consumed last: the one a finished build used, unless the trigger handed a
   * later one to a build since (which may still be queued or running).
   */
  @CheckForNull
  private JobDatasets.Seen baseline(String dataset) {
    TriggerMemory.Entry fired = TriggerMemory.of(job).get(dataset);
    JobDatasets.Seen trained = JobDatasets.lastTrained(job, dataset, null);
    if (fired == null) {
      return trained;
    }
    if (trained != null && trained.build() > 0 && trained.build() >= fired.build()) {
      return trained;
    }
    return new JobDatasets.Seen(fired.build(), fired.consumedId(), fired.consumedLabel());
  }

  private void schedule(String dataset, RegistryRef ref, PollOutcome outcome, PrintStream log)
      throws IOException {
    DatasetChangeCause cause =
        new DatasetChangeCause(dataset, outcome.versionLabel(), outcome.reason());
    DatasetTriggerAction action =
        new DatasetTriggerAction(
            dataset,
            outcome.versionId(),
            outcome.versionLabel(),
            outcome.baselineId(),
            outcome.baselineLabel(),
            outcome.reason(),
            ref.location());
    int next = job.getNextBuildNumber();
    Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, -1, new CauseAction(cause), action);
    if (item == null) {
      log.println(
          "Could not schedule a build of "
              + job.getFullName()
              + " (disabled or not buildable); the next poll fires again.");
      return;
    }
    TriggerMemory.of(job)
        .put(
            dataset,
            new TriggerMemory.Entry(
                outcome.versionId(),
                outcome.versionLabel(),
                outcome.baselineId(),
                outcome.reason(),
                System.currentTimeMillis(),
                next));
    log.println(
        "Scheduled a build of "
            + job.getFullName()
            + " with "
            + dataset
            + " "
            + outcome.versionLabel());
  }

  @CheckForNull
  static Node onlineNode(String label) {
    Label l = Jenkins.get().getLabel(label);
    if (l == null) {
      return null;
    }
    for (Node n : l.getNodes()) {
      Computer c = n.toComputer();
      if (c != null && c.isOnline() && c.getChannel() != null) {
        return n;
      }
    }
    return null;
  }

  private synchronized void appendHistory(String summary) {
    File file = new File(job.getRootDir(), HISTORY_FILE);
    try {
      List<String> lines = new ArrayList<>();
      if (file.isFile()) {
        lines.addAll(Files.readAllLines(file.toPath(), StandardCharsets.UTF_8));
      }
      lines.add(new Date() + "  " + summary.replace('\n', ' '));
      if (lines.size() > HISTORY_LINES) {
        lines = lines.subList(lines.size() - HISTORY_LINES, lines.size());
      }
      io.ctsuite.core.AtomicFiles.writeString(file.toPath(), String.join("\n", lines) + "\n");
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.FINE, "cannot write " + file, e);
    }
  }

  @Override
  public DescriptorImpl getDescriptor() {
    return (DescriptorImpl) super.getDescriptor();
  }

  @Extension
  @Symbol("datasetChange")
  public static final class DescriptorImpl extends TriggerDescriptor {
    final transient SequentialExecutionQueue queue =
        new SequentialExecutionQueue(
            Executors.newFixedThreadPool(
                2, new NamingThreadFactory(new DaemonThreadFactory(), "DatasetTrigger")));

    @Override
    public boolean isApplicable(Item item) {
      return item instanceof Job && item instanceof ParameterizedJobMixIn.ParameterizedJob;
    }

    @Override
    public String getDisplayName() {
      return "Build when a dataset changed enough (CT datasets)";
    }

    @POST
    public FormValidation doCheckSpec(@AncestorInPath Item item, @QueryParameter String value) {
      checkConfigure(item);
      if (value == null || value.isBlank()) {
        return FormValidation.error("Give a polling schedule, e.g. H/15 * * * *");
      }
      try {
        CronTabList.create(value);
        return FormValidation.ok();
      } catch (IllegalArgumentException e) {
        return FormValidation.error(e.getMessage());
      }
    }

    @POST
    public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
      checkConfigure(item);
      return StepChecks.name(value);
    }

    @POST
    public FormValidation doCheckLocation(@AncestorInPath Item item, @QueryParameter String value) {
      checkConfigure(item);
      String text = value == null ? "" : value.trim();
      if (text.isEmpty()) {
        return FormValidation.error("Give the directory or s3:// prefix to watch.");
      }
      if (S3Location.isS3(text)) {
        try {
          S3Location.parse(text);
        } catch (InputException e) {
          return FormValidation.error(e.getMessage());
        }
        return FormValidation.ok();
      }
      if (!text.startsWith("/") && !text.matches("[A-Za-z]:[\\\\/].*")) {
        return FormValidation.error(
            "A directory to watch is absolute (as the polling node sees it).");
      }
      return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckRule(@AncestorInPath Item item, @QueryParameter String value) {
      checkConfigure(item);
      try {
        ChangePolicy.parse(value);
        return FormValidation.ok();
      } catch (InputException e) {
        return FormValidation.error(e.getMessage());
      }
    }

    @POST
    public FormValidation doCheckPatterns(@AncestorInPath Item item, @QueryParameter String value) {
      checkConfigure(item);
      for (String pattern : DatasetSnapshotStep.split(value)) {
        try {
          PathPattern.compile(pattern);
        } catch (InputException e) {
          return FormValidation.error(e.getMessage());
        }
      }
      return FormValidation.ok();
    }

    private static void checkConfigure(Item item) {
      if (item != null) {
        item.checkPermission(Item.CONFIGURE);
      } else {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      }
    }
  }
}
