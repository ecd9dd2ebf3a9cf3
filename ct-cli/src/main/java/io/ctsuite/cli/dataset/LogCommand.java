package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.policy.Amounts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset log NAME}. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "Lists the versions of a dataset, newest first.")
public class LogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "20",
      description = "Show at most N versions (default: ${DEFAULT-VALUE}; 0 for all).")
  int limit;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      List<VersionInfo> log = registry.log(name);
      if (log.isEmpty()) {
        registry.resolve(name, "latest");
        throw new InputException("dataset '" + name + "' has no versions");
      }
      List<VersionInfo> newestFirst = new ArrayList<>(log);
      java.util.Collections.reverse(newestFirst);
      if (limit > 0 && newestFirst.size() > limit) {
        newestFirst = newestFirst.subList(0, limit);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Output.json(out, newestFirst);
        return 0;
      }
      Table table = new Table("VERSION", "ID", "CREATED", "FILES", "SIZE", "KIND", "BY", "NOTE");
      for (VersionInfo v : newestFirst) {
        table.row(
            v.label(),
            v.shortId(),
            v.created().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
            Amounts.count(v.files()),
            Amounts.bytes(v.bytes()),
            v.kind(),
            v.creator(),
            v.note() == null ? describe(v) : v.note());
      }
      table.print(out);
      if (log.size() > newestFirst.size()) {
        out.println(
            "(" + (log.size() - newestFirst.size()) + " older versions; --limit 0 shows all)");
      }
      out.flush();
    }
    return 0;
  }

  private static String describe(VersionInfo v) {
    return switch (v.kind()) {
      case "query" -> "query: " + v.derivation().getOrDefault("expression", "");
      case "mix", "balance" -> v.source() == null ? "" : v.source();
      default -> v.source() == null ? "" : v.source();
    };
  }
}
