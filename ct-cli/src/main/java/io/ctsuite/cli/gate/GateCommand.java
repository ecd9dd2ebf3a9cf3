package io.ctsuite.cli.gate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct gate}. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = "Regression gate: candidate against baseline on the same test set.")
public class GateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
