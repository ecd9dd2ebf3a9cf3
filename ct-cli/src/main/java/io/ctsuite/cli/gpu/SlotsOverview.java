package io.ctsuite.cli.gpu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.Table;
import io.ctsuite.core.Json;
import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.slots.Lease;
import io.ctsuite.gpu.slots.SlotAllocator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Shows every GPU of the machine, who holds it and how busy it is: {@code ct gpu slots} and {@code
 * ct gpu slots show}.
 */
abstract class SlotsOverview implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SlotsMachine machine;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    SlotAllocator allocator = machine.allocator();
    List<Lease> leases = allocator.leases();
    Map<Integer, Lease> holder = new HashMap<>();
    leases.forEach(l -> l.gpus().forEach(g -> holder.put(g, l)));
    Map<Integer, GpuSample> samples = new HashMap<>();
    machine.gpus().orElse(List.of()).forEach(s -> samples.put(s.index(), s));
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    if (json.enabled()) {
      ObjectNode root = Json.mapper().createObjectNode();
      root.put("state", allocator.stateFile().toString());
      root.put("gpus", allocator.gpuCount());
      ArrayNode list = root.putArray("leases");
      for (Lease lease : leases) {
        ObjectNode node = list.addObject();
        node.put("id", lease.id());
        node.set("gpus", Json.mapper().valueToTree(lease.gpus()));
        node.put("acquired", lease.acquired().toString());
        node.put("expires", lease.expires().toString());
        node.put("owner", lease.owner());
      }
      out.println(Json.mapper().writeValueAsString(root));
      out.flush();
      return 0;
    }
    Table table = new Table("gpu", "name", "memory used", "util", "lease", "expires in");
    for (int gpu = 0; gpu < allocator.gpuCount(); gpu++) {
      GpuSample sample = samples.get(gpu);
      Lease lease = holder.get(gpu);
      table.row(
          gpu,
          sample == null ? "" : sample.name(),
          sample == null || sample.memoryUsedMiB() == null
              ? ""
              : String.format(
                  "%.0f / %.0f MiB",
                  sample.memoryUsedMiB(),
                  sample.memoryTotalMiB() == null ? Double.NaN : sample.memoryTotalMiB()),
          sample == null || sample.utilizationPercent() == null
              ? ""
              : String.format("%.0f %%", sample.utilizationPercent()),
          lease == null ? "free" : lease.id(),
          lease == null ? "" : Durations.words(Duration.between(now, lease.expires())));
    }
    table.print(out);
    out.println();
    out.println(
        allocator.freeGpus().size()
            + " of "
            + allocator.gpuCount()
            + " GPUs free; leases in "
            + allocator.stateFile()
            + (machine.gpus().isPresent() ? "" : " (nvidia-smi not found: no memory view)"));
    out.flush();
    return 0;
  }
}
