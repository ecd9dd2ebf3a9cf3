package io.ctsuite.cli.gpu;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.slots.Lease;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct gpu slots renew}: keep a long build's GPUs past the lease length. */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = "Extend a lease, e.g. from a heartbeat of a long build. Exit 1 when it is gone.")
public class SlotsRenewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SlotsMachine machine;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The lease's id.")
  String id;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "New length from now (default 6h).")
  String ttl = "6h";

  @Override
  public Integer call() {
    Duration length = Durations.parse(ttl, "--ttl");
    Optional<Lease> lease = machine.allocator().renew(id, length);
    if (lease.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "ct gpu slots renew: no live lease '"
                  + id
                  + "' (it expired or was released);"
                  + " its GPUs may be in use by another build now");
      spec.commandLine().getErr().flush();
      return ExitCode.CHECK_FAILED;
    }
    spec.commandLine()
        .getOut()
        .println(
            "renewed GPU "
                + lease.get().deviceList()
                + " of "
                + id
                + " until "
                + lease.get().expires());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
