package io.ctsuite.cli.dataset;

import io.ctsuite.datasets.DatasetRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset compact NAME}. */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description = {
      "Stores every version of a dataset in full, so reads follow no delta chain.",
      "",
      "Ids and content do not change; readers are not disturbed."
    })
public class CompactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      registry.resolve(name, "latest");
      int rewritten = registry.compact(name);
      spec.commandLine()
          .getOut()
          .println(
              rewritten == 0
                  ? name + ": every version is already stored in full."
                  : name + ": " + rewritten + " versions rewritten in full.");
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
