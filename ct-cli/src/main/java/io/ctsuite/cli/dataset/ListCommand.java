package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
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
import picocli.CommandLine.Spec;

/** {@code ct dataset list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the datasets and their latest versions.")
public class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      List<VersionInfo> latest = new ArrayList<>();
      for (String name : registry.datasets()) {
        latest.add(registry.latest(name));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Output.json(out, latest);
        return 0;
      }
      if (latest.isEmpty()) {
        out.println(
            "No datasets in "
                + registry.describe()
                + " yet; ct dataset snapshot NAME PATH records one.");
        out.flush();
        return 0;
      }
      Table table = new Table("DATASET", "LATEST", "ID", "FILES", "SIZE", "CREATED");
      for (VersionInfo v : latest) {
        table.row(
            v.dataset(),
            v.label(),
            v.shortId(),
            Amounts.count(v.files()),
            Amounts.bytes(v.bytes()),
            v.created());
      }
      table.print(out);
    }
    return 0;
  }
}
