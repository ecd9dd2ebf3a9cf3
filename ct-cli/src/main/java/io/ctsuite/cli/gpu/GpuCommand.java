package io.ctsuite.cli.gpu;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct gpu}: GPU agents outside Jenkins, on the same model the plugin uses. */
@Command(
    name = "gpu",
    mixinStandardHelpOptions = true,
    description = {
      "GPU agents: pod specs, cluster inventory, reaping, static GPU slots and GPU",
      "cost.",
      "",
      "The same model the Jenkins GPU agents plugin uses: pod specs from GPU",
      "requests, the cluster's GPUs and who waits for them, reaping of stuck or",
      "idle agent pods, GPU slots on a static multi-GPU machine, and what GPU time",
      "costs."
    },
    subcommands = {
      PodSpecCommand.class,
      InventoryCommand.class,
      ReapCommand.class,
      SlotsCommand.class,
      CostCommand.class
    },
    footer = {
      "",
      "GPU requests: gpu, gpu:2, gpu:a100:4, gpu:h100, gpu:mig-1g.10gb, gpu:2,spot,",
      "gpu:a100:8,shm=64Gi,deadline=12h,priority=nightly. Settings: --config FILE,",
      "else gpu.yaml in the store."
    })
public class GpuCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
