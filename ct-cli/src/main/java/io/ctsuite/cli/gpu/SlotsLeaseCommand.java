package io.ctsuite.cli.gpu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.core.Json;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.slots.Grant;
import io.ctsuite.gpu.slots.Lease;
import io.ctsuite.gpu.slots.SlotAllocator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct gpu slots lease}: take GPUs for a build, waiting for them if asked. */
@Command(
    name = "lease",
    mixinStandardHelpOptions = true,
    description = {
      "Lease GPUs for a build and print CUDA_VISIBLE_DEVICES for them.",
      "",
      "The printed environment confines the build to its GPUs, ready for",
      "  eval \"$(ct gpu slots lease --id \"$BUILD_TAG\" --gpus 2)\"",
      "Asking again with the same id renews and returns the same GPUs."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:leased",
      "1:not enough GPUs free (within --wait)",
      "2:bad usage, or more GPUs than the machine has"
    })
public class SlotsLeaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SlotsMachine machine;

  @Mixin JsonOption json;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "Who takes the GPUs, e.g. $BUILD_TAG.")
  String id;

  @Option(names = "--gpus", paramLabel = "N", description = "How many GPUs (default 1).")
  int gpus = 1;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "Lease length unless renewed (default 6h).")
  String ttl = "6h";

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description = "Wait this long for GPUs to come free (default: do not wait).")
  String wait = "0s";

  @Override
  public Integer call() throws Exception {
    Duration length = Durations.parse(ttl, "--ttl");
    Duration patience = Durations.parse(wait, "--wait");
    SlotAllocator allocator = machine.allocator();
    PrintWriter err = spec.commandLine().getErr();
    long deadline = System.nanoTime() + patience.toNanos();
    String lastReason = null;
    Grant grant;
    while (true) {
      grant = allocator.acquire(id, gpus, length, machine.freshGpus());
      if (grant.granted() || grant.never() || System.nanoTime() >= deadline) {
        break;
      }
      if (!grant.reason().equals(lastReason)) {
        err.println("waiting: " + grant.reason());
        err.flush();
        lastReason = grant.reason();
      }
      Thread.sleep(2_000);
    }
    if (!grant.granted()) {
      err.println("ct gpu slots lease: " + grant.reason());
      err.flush();
      return grant.never() ? ExitCode.USAGE : ExitCode.CHECK_FAILED;
    }
    Lease lease = grant.lease();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      ObjectNode node = Json.mapper().createObjectNode();
      node.put("id", lease.id());
      node.set("gpus", Json.mapper().valueToTree(lease.gpus()));
      node.put("expires", lease.expires().toString());
      node.set("env", Json.mapper().valueToTree(lease.environment()));
      out.println(Json.mapper().writeValueAsString(node));
    } else {
      out.println("export CUDA_VISIBLE_DEVICES=" + lease.deviceList());
      out.println("export NVIDIA_VISIBLE_DEVICES=" + lease.deviceList());
    }
    out.flush();
    err.println(
        "leased GPU "
            + lease.deviceList()
            + " to "
            + id
            + " for "
            + Durations.words(length)
            + "; release with: ct gpu slots release --id '"
            + id
            + "'");
    err.flush();
    return ExitCode.OK;
  }
}
