package io.ctsuite.cli.track;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct track}. */
@Command(
    name = "track",
    mixinStandardHelpOptions = true,
    description =
        "Experiment tracking: ingest metrics, show, compare, leaderboards, run a command under the tracker.")
public class TrackCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
