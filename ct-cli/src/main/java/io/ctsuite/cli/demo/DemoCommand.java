package io.ctsuite.cli.demo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a whole continuous-training cycle on the embedded default store.")
public class DemoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
