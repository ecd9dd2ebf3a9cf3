package io.ctsuite.cli.dataset;

import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --alias A=B} and {@code --aliases FILE}, on top of the dataset's saved rules. */
public class AliasOptions {
  @Option(
      names = "--alias",
      paramLabel = "ALIAS=LABEL",
      description = "Count ALIAS as LABEL (repeatable), on top of the dataset's saved rules.")
  List<String> rules;

  @Option(
      names = "--aliases",
      paramLabel = "FILE",
      description = "Alias rules from a YAML/JSON file: {canonical: [alias, ...]}.")
  Path file;

  LabelAliases resolve(DatasetRegistry registry, String dataset) {
    return RegistryOptions.aliases(registry, dataset, file, rules);
  }
}
