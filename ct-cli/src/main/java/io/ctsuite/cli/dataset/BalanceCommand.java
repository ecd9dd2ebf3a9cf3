package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.Balancer;
import io.ctsuite.datasets.policy.Amounts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset balance NAME [V] (--cap N | --target SPEC) [--save OUT]}. */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = {
      "Balances a version by label (cap, or a target distribution).",
      "",
      "Group by label (default), --by source or --by KEY. --cap N keeps at most N entries per group; --target 'bleeding=0.3,normal=0.7' (or 'uniform') samples down to that distribution. Seeded and deterministic; never repeats an entry. Without --save it only shows the result."
    })
public class BalanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;
  @Mixin AliasOptions aliasOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Parameters(
      index = "1",
      paramLabel = "V",
      arity = "0..1",
      defaultValue = "latest",
      description = "The version (default: latest).")
  String version;

  static class How {
    @Option(names = "--cap", paramLabel = "N", description = "At most N entries per group.")
    Long cap;

    @Option(names = "--target", paramLabel = "SPEC", description = "GROUP=SHARE,... or 'uniform'.")
    String target;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  How how;

  @Option(
      names = "--by",
      paramLabel = "KEY",
      defaultValue = "label",
      description = "Group by label (default), source, or a metadata key.")
  String by;

  @Option(
      names = "--total",
      paramLabel = "N",
      defaultValue = "-1",
      description = "Entries in the result with --target (default: as many as possible).")
  long total;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Seed of the choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--save",
      paramLabel = "OUT",
      description = "Record the result as the next version of OUT.")
  String save;

  @Option(names = "--note", paramLabel = "TEXT", description = "A note for the saved version.")
  String note;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      VersionInfo v = registry.resolve(name, version);
      Manifest manifest = registry.manifest(v);
      LabelAliases aliases = aliasOptions.resolve(registry, name);
      Manifest result;
      if (how.cap != null) {
        result = Balancer.cap(manifest, by, how.cap, seed, aliases);
      } else {
        if (total == 0 || total < -1) {
          throw new InputException("--total must be at least 1");
        }
        result =
            Balancer.toTarget(manifest, by, Balancer.parseTarget(how.target), total, seed, aliases);
      }
      PrintWriter out = spec.commandLine().getOut();
      CommitResult saved = null;
      if (save != null) {
        VersionDraft draft =
            VersionDraft.derived("balance", Versions.reference(v))
                .note(note)
                .derivation("from", Versions.reference(v))
                .derivation("by", by)
                .derivation("cap", how.cap == null ? null : how.cap.toString())
                .derivation("target", how.target)
                .derivation("total", total < 0 ? null : Long.toString(total))
                .derivation("seed", Long.toString(seed))
                .derivation("aliases", aliases.isEmpty() ? null : aliases.toJson());
        saved = Versions.save(registry, save, result, draft, out, json.enabled());
      }
      Map<String, int[]> before = Balancer.groups(manifest, by, aliases);
      Map<String, int[]> after = Balancer.groups(result, by, aliases);
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, long[]> groups = new LinkedHashMap<>();
        before.forEach(
            (g, members) ->
                groups.put(
                    g,
                    new long[] {members.length, after.containsKey(g) ? after.get(g).length : 0}));
        doc.put("from", v);
        doc.put("files", result.size());
        doc.put("groups", groups);
        doc.put("saved", saved == null ? null : saved.version());
        Output.json(out, doc);
        return 0;
      }
      Table table = new Table(by.toUpperCase(java.util.Locale.ROOT), "BEFORE", "AFTER", "SHARE");
      before.forEach(
          (g, members) -> {
            long kept = after.containsKey(g) ? after.get(g).length : 0;
            table.row(
                g,
                Amounts.count(members.length),
                Amounts.count(kept),
                result.isEmpty() ? "" : Amounts.percent((double) kept / result.size()));
          });
      table.print(out);
      out.println(
          Amounts.count(result.size())
              + " of "
              + Amounts.files(manifest.size())
              + (save == null ? " (not saved; --save OUT records it)" : ""));
      out.flush();
    }
    return 0;
  }
}
