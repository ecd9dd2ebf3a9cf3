package io.ctsuite.cli.sweep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct sweep}. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Hyperparameter sweeps with early stopping (ASHA).")
public class SweepCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
