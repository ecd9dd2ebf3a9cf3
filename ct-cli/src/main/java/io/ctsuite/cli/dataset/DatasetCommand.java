package io.ctsuite.cli.dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct dataset}. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description =
        "Dataset versions: snapshot, log, diff, stats, query, mix, balance, materialize, check.")
public class DatasetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
