package io.ctsuite.cli.gpu;

import io.ctsuite.cli.support.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct gpu slots release}: give a build's GPUs back. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Give a lease's GPUs back (at the end of a build, also in its post/always step).")
public class SlotsReleaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SlotsMachine machine;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The lease's id.")
  String id;

  @Override
  public Integer call() {
    boolean released = machine.allocator().release(id);
    spec.commandLine()
        .getOut()
        .println(
            released
                ? "released the GPUs of " + id
                : "no live lease '" + id + "' (already released or expired); nothing to do");
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
