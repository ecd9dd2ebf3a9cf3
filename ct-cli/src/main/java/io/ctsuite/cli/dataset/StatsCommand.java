package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.datasets.ops.LookAlikes;
import io.ctsuite.datasets.policy.Amounts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset stats NAME [V]}. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Shows files and bytes of a version per source and per label.",
      "",
      "The dataset's label alias rules are applied; labels that look alike but no rule maps are listed (add a rule with ct dataset alias)."
    })
public class StatsCommand implements Callable<Integer> {
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

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      VersionInfo v = registry.resolve(name, version);
      DatasetStats stats =
          DatasetStats.of(registry.manifest(v), aliasOptions.resolve(registry, name));
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", v);
        doc.put("stats", stats);
        Output.json(out, doc);
        return 0;
      }
      out.println(Output.version(v));
      if (stats.annotations() >= 0) {
        out.println("annotations: " + Amounts.count(stats.annotations()));
      }
      if (!(stats.bySource().size() == 1 && stats.bySource().containsKey("(none)"))) {
        out.println();
        Table sources = new Table("SOURCE", "FILES", "SIZE", "SHARE");
        stats
            .bySource()
            .forEach(
                (s, g) ->
                    sources.row(
                        s,
                        Amounts.count(g.files()),
                        Amounts.bytes(g.bytes()),
                        share(g.files(), stats.files())));
        sources.print(out);
      }
      if (!stats.byLabel().isEmpty()) {
        out.println();
        Table labels = new Table("LABEL", "FILES", "SIZE", "SHARE");
        stats
            .byLabel()
            .forEach(
                (l, g) ->
                    labels.row(
                        l,
                        Amounts.count(g.files()),
                        Amounts.bytes(g.bytes()),
                        share(g.files(), stats.files())));
        if (stats.unlabelled() > 0) {
          labels.row(
              "(none)",
              Amounts.count(stats.unlabelled()),
              "",
              share(stats.unlabelled(), stats.files()));
        }
        labels.print(out);
      }
      if (!stats.lookAlikes().isEmpty()) {
        out.println();
        out.println("Labels that look alike but are not mapped:");
        for (LookAlikes.Pair p : stats.lookAlikes()) {
          out.printf(
              "  %s (%s) and %s (%s): %s; to count them as one: ct dataset alias %s --add '%s=%s'%n",
              p.label(),
              Amounts.count(p.files()),
              p.similar(),
              Amounts.count(p.similarFiles()),
              p.why(),
              name,
              p.label(),
              p.similar());
        }
      }
      out.flush();
    }
    return 0;
  }

  private static String share(long part, long whole) {
    return whole == 0 ? "" : Amounts.percent((double) part / whole);
  }
}
