package io.jenkins.plugins.ct.datasets;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.Balancer;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.datasets.policy.Amounts;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/** Balances a version by label, source or a metadata key, and records the result. */
final class BalanceCallable extends MasterToSlaveFileCallable<DeriveOutcome> {
  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final String version;
  private final String saveAs;
  private final String by;
  private final Long cap;
  private final String target;
  private final long total;
  private final long seed;
  private final String note;
  private final String creator;
  private final RegistryRef registry;
  private final TaskListener listener;

  BalanceCallable(
      String dataset,
      String version,
      String saveAs,
      String by,
      Long cap,
      String target,
      long total,
      long seed,
      String note,
      String creator,
      RegistryRef registry,
      TaskListener listener) {
    this.dataset = dataset;
    this.version = version;
    this.saveAs = saveAs;
    this.by = by;
    this.cap = cap;
    this.target = target;
    this.total = total;
    this.seed = seed;
    this.note = note;
    this.creator = creator;
    this.registry = registry;
    this.listener = listener;
  }

  @Override
  public DeriveOutcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    return AgentWork.run(listener, () -> balance(workspace));
  }

  private DeriveOutcome balance(File workspace) {
    try (DatasetRegistry reg = registry.open(workspace.toPath())) {
      VersionInfo v = reg.resolve(dataset, version);
      Manifest manifest = reg.manifest(v);
      LabelAliases aliases = reg.aliases(dataset);
      Manifest result;
      if (cap != null) {
        result = Balancer.cap(manifest, by, cap, seed, aliases);
      } else {
        result =
            Balancer.toTarget(manifest, by, Balancer.parseTarget(target), total, seed, aliases);
      }
      if (result.isEmpty()) {
        throw new InputException("the balanced result is empty; nothing was recorded");
      }
      String reference = v.dataset() + "@" + v.id();
      VersionDraft draft =
          VersionDraft.derived("balance", reference)
              .note(note)
              .creator(creator)
              .derivation("from", reference)
              .derivation("by", by)
              .derivation("cap", cap == null ? null : cap.toString())
              .derivation("target", target)
              .derivation("total", total < 0 ? null : Long.toString(total))
              .derivation("seed", Long.toString(seed))
              .derivation("aliases", aliases.isEmpty() ? null : aliases.toJson());
      CommitResult saved = reg.commit(DatasetRegistry.checkName(saveAs), result, draft);
      StringBuilder groups = new StringBuilder();
      Map<String, int[]> before = Balancer.groups(manifest, by, aliases);
      Map<String, int[]> after = Balancer.groups(result, by, aliases);
      before.forEach(
          (g, members) ->
              groups
                  .append(groups.length() == 0 ? "" : ", ")
                  .append(g)
                  .append(' ')
                  .append(members.length)
                  .append('→')
                  .append(after.containsKey(g) ? after.get(g).length : 0));
      listener
          .getLogger()
          .println(
              (saved.created() ? "Recorded " : "Unchanged: ")
                  + saveAs
                  + " "
                  + saved.version().label()
                  + " ("
                  + saved.version().shortId()
                  + "): "
                  + dataset
                  + " "
                  + v.label()
                  + " balanced by "
                  + by
                  + ", "
                  + Amounts.count(result.size())
                  + " of "
                  + Amounts.files(manifest.size())
                  + " ("
                  + groups
                  + ")");
      return new DeriveOutcome(
          saved.version(), saved.created(), DatasetStats.of(result, reg.aliases(saveAs)));
    }
  }
}
