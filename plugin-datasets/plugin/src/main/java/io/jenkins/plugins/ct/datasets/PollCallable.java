package io.jenkins.plugins.ct.datasets;

import hudson.model.TaskListener;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.EntryQuery;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.policy.Amounts;
import io.ctsuite.datasets.policy.ChangePolicy;
import io.ctsuite.datasets.policy.Decision;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.snapshot.Snapshotter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import jenkins.security.MasterToSlaveCallable;

/**
 * A trigger's poll, run where the data is (the controller for S3, an agent for a mounted
 * directory): lists and hashes the location (unchanged files come from the stat cache), compares
 * with the version the job last consumed, and lets the change policy decide. Only when it fires is
 * the state recorded as a version, so that polls of slowly growing data do not flood the registry.
 */
final class PollCallable extends MasterToSlaveCallable<PollOutcome, IOException> {
  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final String location;
  private final RegistryRef registry;
  private final SnapshotOptions options;
  private final String filter;
  private final String baselineId;
  private final ChangePolicy policy;
  private final long now;
  private final String creator;
  private final TaskListener listener;

  PollCallable(
      String dataset,
      String location,
      RegistryRef registry,
      SnapshotOptions options,
      String filter,
      String baselineId,
      ChangePolicy policy,
      long now,
      String creator,
      TaskListener listener) {
    this.dataset = dataset;
    this.location = location;
    this.registry = registry;
    this.options = options;
    this.filter = filter;
    this.baselineId = baselineId;
    this.policy = policy;
    this.now = now;
    this.creator = creator;
    this.listener = listener;
  }

  @Override
  public PollOutcome call() throws IOException {
    try {
      return AgentWork.run(listener, this::poll);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("the poll was interrupted", e);
    }
  }

  private PollOutcome poll() {
    PrintStream log = listener.getLogger();
    try (DatasetRegistry reg = registry.open(null)) {
      VersionInfo baseline = null;
      if (baselineId != null) {
        try {
          baseline = reg.resolve(dataset, baselineId);
        } catch (InputException e) {
          log.println("The version this job consumed last is not readable: " + e.getMessage());
        }
      }
      log.println(
          "Dataset "
              + dataset
              + " at "
              + location
              + " (registry "
              + registry
              + "); baseline: "
              + (baseline == null
                  ? "none (no build of this job consumed a version yet)"
                  : baseline.label() + " " + baseline.shortId())
              + "; policy: "
              + policy);
      SnapshotResult result;
      try (AbortWatch watch = new AbortWatch()) {
        result =
            new Snapshotter(
                    options,
                    registry.cacheDir().resolve("stat"),
                    new ConsoleProgress(log, "  "),
                    watch.cancellation())
                .snapshot(location, registry.s3());
      }
      log.printf(
          "Listed %s; hashed %s (%s), %s unchanged since the last look.%n",
          Amounts.files(result.manifest().size()),
          Amounts.files(result.hashedFiles()),
          Amounts.bytes(result.hashedBytes()),
          Amounts.files(result.cachedFiles()));
      LabelAliases aliases = reg.aliases(dataset);
      Manifest current = result.manifest();
      if (filter != null && !filter.isBlank()) {
        current = EntryQuery.parse(filter).apply(current, aliases);
      }
      boolean fire;
      String reason;
      ChangeSummary change = null;
      if (baseline == null) {
        String unsettled = unsettled(current);
        fire = !current.isEmpty() && unsettled == null;
        reason =
            dataset
                + " has "
                + Amounts.files(current.size())
                + " ("
                + Amounts.bytes(current.totalBytes())
                + ") and this job has not consumed a version yet"
                + (unsettled == null ? "" : ", but it is still changing: " + unsettled);
      } else {
        DatasetChange diff =
            ManifestDiff.between(reg.manifest(baseline), current)
                .summarize(dataset, baseline.label(), "now", aliases);
        Decision decision = policy.decide(diff, Instant.ofEpochMilli(now));
        fire = decision.fire();
        reason = decision.reason();
        change = ChangeSummary.of(diff);
      }
      log.println((fire ? "Fire: " : "No build: ") + reason);
      if (!fire) {
        return new PollOutcome(
            false,
            reason,
            null,
            null,
            baseline == null ? null : baseline.id(),
            baseline == null ? null : baseline.label(),
            change);
      }
      CommitResult commit =
          reg.commit(
              dataset, current, VersionDraft.snapshot(location).creator(creator).note(reason));
      log.println(
          (commit.created() ? "Recorded " : "Same content as ")
              + dataset
              + " "
              + commit.version().label()
              + " ("
              + commit.version().shortId()
              + ")");
      return new PollOutcome(
          true,
          reason,
          commit.version().id(),
          commit.version().label(),
          baseline == null ? null : baseline.id(),
          baseline == null ? null : baseline.label(),
          change);
    }
  }

  /**
   * Null when the newest file is older than the quiet period, else why not (a copy may still be
   * running).
   */
  private String unsettled(Manifest current) {
    Duration quiet = policy.quietPeriod();
    long newest = current.newestModified();
    if (quiet.isZero() || newest < 0) {
      return null;
    }
    Duration age = Duration.between(Instant.ofEpochMilli(newest), Instant.ofEpochMilli(now));
    if (age.compareTo(quiet) < 0) {
      return "the newest file is "
          + Amounts.duration(age.isNegative() ? Duration.ZERO : age)
          + " old, less than the quiet period of "
          + Amounts.duration(quiet);
    }
    return null;
  }
}
