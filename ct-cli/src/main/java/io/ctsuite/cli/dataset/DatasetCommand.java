package io.ctsuite.cli.dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct dataset}. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = {
      "Dataset versions: snapshot, log, diff, stats, query, mix, balance, materialize, check.",
      "",
      "Every state of a dataset becomes a named, content-hashed version; ct says what changed, builds training sets by query, mix and balance, and decides whether a change is worth a retrain. Versions live in the store's datasets/ directory, or in --registry s3://bucket/prefix."
    },
    subcommands = {
      SnapshotCommand.class,
      LogCommand.class,
      ListCommand.class,
      DiffCommand.class,
      StatsCommand.class,
      QueryCommand.class,
      MixCommand.class,
      BalanceCommand.class,
      MaterializeCommand.class,
      CheckCommand.class,
      AliasCommand.class,
      CompactCommand.class,
      VerifyCommand.class
    })
public class DatasetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
