package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.GroupChange;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.policy.Amounts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset diff NAME A B}. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what changed between two versions.",
      "",
      "Files added, removed, modified and renamed (same content, new path), per source and per label, and the growth. Versions: latest, latest~N, v<N> or an id prefix; B defaults to latest, A to the version before B."
    })
public class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;
  @Mixin AliasOptions aliasOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Parameters(index = "1", paramLabel = "A", arity = "0..1", description = "The earlier version.")
  String from;

  @Parameters(
      index = "2",
      paramLabel = "B",
      arity = "0..1",
      defaultValue = "latest",
      description = "The later version (default: latest).")
  String to;

  @Option(
      names = "--list",
      paramLabel = "N",
      defaultValue = "10",
      description = "List up to N paths of each kind of change (default: ${DEFAULT-VALUE}).")
  int list;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      VersionInfo b = registry.resolve(name, to);
      VersionInfo a = from != null ? registry.resolve(name, from) : previous(registry, b);
      LabelAliases aliases = aliasOptions.resolve(registry, name);
      ManifestDiff diff = ManifestDiff.between(registry.manifest(a), registry.manifest(b));
      DatasetChange change = diff.summarize(name, a.label(), b.label(), aliases);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("change", change);
        doc.put("growth", change.growth());
        doc.put("byteGrowth", change.byteGrowth());
        doc.put("changes", diff.changes(list));
        Output.json(out, doc);
        return 0;
      }
      out.printf(
          "%s %s → %s: %s → %s (%s), %s → %s%n",
          name,
          a.label(),
          b.label(),
          Amounts.count(change.filesBefore()),
          Amounts.files(change.filesAfter()),
          Amounts.ratio(change.growth()),
          Amounts.bytes(change.bytesBefore()),
          Amounts.bytes(change.bytesAfter()));
      out.printf(
          "  +%s added (%s), −%s removed (%s), %s modified, %s renamed%n",
          Amounts.count(change.added()),
          Amounts.bytes(change.addedBytes()),
          Amounts.count(change.removed()),
          Amounts.bytes(change.removedBytes()),
          Amounts.count(change.modified()),
          Amounts.count(change.renamed()));
      if (!change.newSources().isEmpty()) {
        out.println("  new sources: " + String.join(", ", change.newSources()));
      }
      if (!change.goneSources().isEmpty()) {
        out.println("  sources gone: " + String.join(", ", change.goneSources()));
      }
      if (!change.byLabel().isEmpty()) {
        out.printf("  label distribution shift: %.3f (0 same, 1 disjoint)%n", change.labelShift());
      }
      groups(out, "SOURCE", change.bySource());
      groups(out, "LABEL", change.byLabel());
      if (list > 0 && !diff.isEmpty()) {
        out.println();
        for (ManifestDiff.Change c : diff.changes(list)) {
          String sign =
              switch (c.kind()) {
                case "added" -> "+";
                case "removed" -> "-";
                case "modified" -> "M";
                default -> "R";
              };
          out.println(
              "  "
                  + sign
                  + " "
                  + (c.oldPath() == null ? c.path() : c.oldPath() + " → " + c.path()));
        }
      }
      out.flush();
    }
    return 0;
  }

  private static VersionInfo previous(DatasetRegistry registry, VersionInfo to) {
    VersionInfo previous = null;
    for (VersionInfo v : registry.log(to.dataset())) {
      if (v.seq() < to.seq()) {
        previous = v;
      }
    }
    if (previous == null) {
      throw new io.ctsuite.core.InputException(
          to.dataset() + " " + to.label() + " is its first version; name two versions to compare");
    }
    return previous;
  }

  private static void groups(PrintWriter out, String title, Map<String, GroupChange> groups) {
    if (groups.isEmpty() || (groups.size() == 1 && groups.containsKey("(none)"))) {
      return;
    }
    out.println();
    Table table =
        new Table(
            title, "BEFORE", "AFTER", "GROWTH", "ADDED", "REMOVED", "MODIFIED", "BYTES ADDED");
    groups.forEach(
        (group, c) ->
            table.row(
                group,
                Amounts.count(c.filesBefore()),
                Amounts.count(c.filesAfter()),
                Amounts.ratio(c.growth()),
                Amounts.count(c.added()),
                Amounts.count(c.removed()),
                Amounts.count(c.modified()),
                Amounts.bytes(c.addedBytes())));
    table.print(out);
  }
}
