package io.ctsuite.cli.gate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct promote}. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = "Promote a model through a GitLab merge request.")
public class PromoteCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
