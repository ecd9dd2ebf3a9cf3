package io.ctsuite.cli.gpu;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct gpu}. */
@Command(
    name = "gpu",
    mixinStandardHelpOptions = true,
    description = "GPU agents: pod specs, cluster inventory, reaping, static GPU slots.")
public class GpuCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
