package io.jenkins.plugins.ct.datasets;

import hudson.remoting.VirtualChannel;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.policy.Amounts;
import io.ctsuite.datasets.policy.ChangePolicy;
import io.ctsuite.datasets.policy.Decision;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Compares two versions and lets the change policy decide whether to retrain. Without an earlier
 * version (nothing trained yet) the answer is yes.
 */
final class DiffCallable extends MasterToSlaveFileCallable<DiffOutcome> {
  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final String to;
  private final String from;
  private final ChangePolicy policy;
  private final RegistryRef registry;

  DiffCallable(String dataset, String to, String from, ChangePolicy policy, RegistryRef registry) {
    this.dataset = dataset;
    this.to = to;
    this.from = from;
    this.policy = policy;
    this.registry = registry;
  }

  @Override
  public DiffOutcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    return AgentWork.run(() -> diff(workspace));
  }

  private DiffOutcome diff(File workspace) {
    try (DatasetRegistry reg = registry.open(workspace.toPath())) {
      VersionInfo later = reg.resolve(dataset, to);
      if (from == null || from.isBlank()) {
        return new DiffOutcome(
            true,
            dataset
                + " "
                + later.label()
                + " is the first version this job trains on ("
                + Amounts.files(later.files())
                + ", "
                + Amounts.bytes(later.bytes())
                + ")",
            List.of("first"),
            later.id(),
            later.label(),
            null,
            null,
            null);
      }
      VersionInfo earlier = reg.resolve(dataset, from);
      LabelAliases aliases = reg.aliases(dataset);
      DatasetChange change =
          ManifestDiff.between(reg.manifest(earlier), reg.manifest(later))
              .summarize(dataset, earlier.label(), later.label(), aliases);
      // a quiet period holds back a version whose newest file is younger than it: a batch that
      // was still being copied when the snapshot was taken
      Decision decision = policy.decide(change, Instant.now());
      return new DiffOutcome(
          decision.fire(),
          decision.reason(),
          List.copyOf(decision.met()),
          later.id(),
          later.label(),
          earlier.id(),
          earlier.label(),
          ChangeSummary.of(change));
    }
  }
}
