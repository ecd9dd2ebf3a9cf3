package io.ctsuite.cli.track;

import io.ctsuite.cli.support.StoreOption;
import io.ctsuite.tracking.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct track}. */
@Command(
    name = "track",
    mixinStandardHelpOptions = true,
    description =
        "Experiment tracking: ingest metrics, show, compare, leaderboards, run a command under the"
            + " tracker. Runs live in the store's runs/ directory.",
    subcommands = {
      TrackRunCommand.class,
      TrackIngestCommand.class,
      TrackShowCommand.class,
      TrackCompareCommand.class,
      TrackLeaderboardCommand.class,
      TrackSearchCommand.class
    })
public class TrackCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The store given to {@code ct} ({@code --store}, {@code CT_STORE} or {@code ./.ct}). */
  static StoreOption storeOption(CommandSpec spec) {
    for (CommandSpec at = spec; at != null; at = at.parent()) {
      CommandSpec mixin = at.mixins().get("store");
      if (mixin != null && mixin.userObject() instanceof StoreOption option) {
        return option;
      }
    }
    return new StoreOption();
  }

  /** The store's {@code runs/} area. */
  static RunStore runs(CommandSpec spec) {
    return new RunStore(storeOption(spec).area("runs"));
  }
}
