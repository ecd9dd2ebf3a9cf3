package io.ctsuite.cli.gpu;

import io.ctsuite.core.InputException;
import io.ctsuite.core.nvidia.NvidiaSmi;
import io.ctsuite.gpu.Durations;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.cost.BuildCost;
import io.ctsuite.gpu.cost.Utilisation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct gpu cost}: what a build's GPU time cost, and how much of it was idle. */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description = {
      "What a build's GPU time cost, and how much of it was wasted.",
      "",
      "The cost from the prices per GPU-hour in the settings, and a warning when",
      "utilisation (given, or averaged from an nvidia-smi CSV log) shows wasted",
      "GPU-hours."
    })
public class CostCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GpuConfigOption config;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "GPU type, e.g. a100 or mig-1g.10gb.")
  String type;

  @Option(
      names = "--base-type",
      paramLabel = "TYPE",
      description = "For MIG slices: the GPU they are cut from.")
  String baseType;

  @Option(
      names = "--gpus",
      paramLabel = "N",
      required = true,
      description = "GPUs (or slices) the build held.")
  double gpus;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      required = true,
      description = "How long the pod lived, e.g. 2h30m.")
  String duration;

  @Option(
      names = "--utilisation",
      paramLabel = "PERCENT",
      description = "Mean GPU utilisation in percent.")
  Double utilisation;

  @Option(
      names = "--samples",
      paramLabel = "FILE",
      description = "An nvidia-smi --query-gpu CSV log to average the utilisation from.")
  Path samples;

  @Override
  public Integer call() throws Exception {
    if (gpus <= 0) {
      throw new InputException("--gpus: must be more than 0, not " + gpus);
    }
    GpuSettings settings = config.settings(spec);
    BuildCost cost =
        settings
            .costModel()
            .cost(
                type,
                baseType == null ? type : baseType,
                gpus,
                Durations.parse(duration, "--duration"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(cost.describe());
    Optional<Utilisation> used = Optional.empty();
    if (utilisation != null) {
      if (utilisation < 0 || utilisation > 100) {
        throw new InputException("--utilisation: a percentage from 0 to 100, not " + utilisation);
      }
      used = Optional.of(Utilisation.of(utilisation));
    } else if (samples != null) {
      used = Utilisation.of(NvidiaSmi.parse(samples.toString(), Files.readString(samples)));
      if (used.isEmpty()) {
        out.println(samples + " has no utilisation readings (MIG devices report none).");
      }
    }
    used.ifPresent(
        u -> {
          out.println(
              String.format(
                  java.util.Locale.ROOT,
                  "mean utilisation %.1f %% over %d readings",
                  u.averagePercent(),
                  u.samples()));
          u.wasteWarning(cost, settings.wasteThresholdPercent())
              .ifPresent(w -> out.println("warning: " + w));
        });
    out.flush();
    return 0;
  }
}
