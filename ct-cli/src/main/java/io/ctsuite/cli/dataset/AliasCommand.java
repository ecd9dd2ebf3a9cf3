package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset alias NAME [--add ALIAS=LABEL] [--remove ALIAS]}. */
@Command(
    name = "alias",
    mixinStandardHelpOptions = true,
    description = {
      "Shows or changes a dataset's label alias rules.",
      "",
      "Stats, query, balance, diff and check apply them: --add haemorrhage=bleeding counts 'haemorrhage' as 'bleeding'."
    })
public class AliasCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Option(names = "--add", paramLabel = "ALIAS=LABEL", description = "Add a rule (repeatable).")
  List<String> add;

  @Option(
      names = "--remove",
      paramLabel = "ALIAS",
      description = "Remove the rule of ALIAS (repeatable).")
  List<String> remove;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      registry.resolve(name, "latest");
      LabelAliases aliases = registry.aliases(name);
      boolean changed = false;
      if (add != null && !add.isEmpty()) {
        aliases = aliases.merge(LabelAliases.ofRules(add, "--add"));
        changed = true;
      }
      if (remove != null) {
        for (String alias : remove) {
          aliases = aliases.without(alias);
        }
        changed = true;
      }
      if (changed) {
        registry.saveAliases(name, aliases);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Output.json(out, aliases.rules());
        return 0;
      }
      if (aliases.isEmpty()) {
        out.println(name + " has no alias rules.");
      } else {
        Table table = new Table("ALIAS", "COUNTS AS");
        aliases.rules().forEach(table::row);
        table.print(out);
      }
      out.flush();
    }
    return 0;
  }
}
