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
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.datasets.ops.Mixer;
import io.ctsuite.datasets.policy.Amounts;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/** Mixes versions ({@code dataset[@version]} → share) into the next version of a dataset. */
final class MixCallable extends MasterToSlaveFileCallable<DeriveOutcome> {
  private static final long serialVersionUID = 1L;

  private final String target;
  private final LinkedHashMap<String, Double> parts;
  private final boolean weights;
  private final long total;
  private final long seed;
  private final String note;
  private final String creator;
  private final RegistryRef registry;
  private final TaskListener listener;

  MixCallable(
      String target,
      LinkedHashMap<String, Double> parts,
      boolean weights,
      long total,
      long seed,
      String note,
      String creator,
      RegistryRef registry,
      TaskListener listener) {
    this.target = target;
    this.parts = parts;
    this.weights = weights;
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
    return AgentWork.run(listener, () -> mix(workspace));
  }

  private DeriveOutcome mix(File workspace) {
    try (DatasetRegistry reg = registry.open(workspace.toPath())) {
      List<Mixer.Part> inputs = new ArrayList<>();
      List<String> described = new ArrayList<>();
      for (Map.Entry<String, Double> part : parts.entrySet()) {
        VersionInfo v = resolve(reg, part.getKey());
        inputs.add(
            new Mixer.Part(
                v.dataset(), v.dataset() + "@" + v.label(), reg.manifest(v), part.getValue()));
        described.add(v.dataset() + "@" + v.id() + "=" + part.getValue());
      }
      Mixer.Mode mode = weights ? Mixer.Mode.WEIGHTS : Mixer.Mode.FRACTIONS;
      Manifest mix = Mixer.mix(inputs, mode, total, seed);
      if (mix.isEmpty()) {
        throw new InputException("the mix is empty; nothing was recorded as " + target);
      }
      VersionDraft draft =
          VersionDraft.derived("mix", String.join(" ", described))
              .note(note)
              .creator(creator)
              .derivation("parts", String.join(",", described))
              .derivation("mode", mode.name().toLowerCase(Locale.ROOT))
              .derivation("total", total < 0 ? null : Long.toString(total))
              .derivation("seed", Long.toString(seed));
      CommitResult saved = reg.commit(target, mix, draft);
      listener
          .getLogger()
          .println(
              (saved.created() ? "Recorded " : "Unchanged: ")
                  + target
                  + " "
                  + saved.version().label()
                  + " ("
                  + saved.version().shortId()
                  + "): a mix of "
                  + String.join(", ", parts.keySet())
                  + ", "
                  + Amounts.files(mix.size()));
      LabelAliases aliases = reg.aliases(target);
      return new DeriveOutcome(saved.version(), saved.created(), DatasetStats.of(mix, aliases));
    }
  }

  /** {@code videos@v3}, {@code videos@<id>} or {@code videos} (latest). */
  static VersionInfo resolve(DatasetRegistry reg, String reference) {
    int at = reference.lastIndexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    String version = at < 0 ? "latest" : reference.substring(at + 1);
    return reg.resolve(DatasetRegistry.checkName(name.trim()), version.trim());
  }
}
