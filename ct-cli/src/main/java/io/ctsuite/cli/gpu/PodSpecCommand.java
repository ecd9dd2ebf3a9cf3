package io.ctsuite.cli.gpu;

import io.ctsuite.core.InputException;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.pod.GpuPodGenerator;
import io.ctsuite.gpu.pod.PodMerger;
import io.ctsuite.gpu.pod.PodYaml;
import io.ctsuite.gpu.request.GpuRequest;
import io.ctsuite.gpu.request.LabelExpressions;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct gpu pod-spec}: the pod YAML for a GPU request, merged with a base pod if given. */
@Command(
    name = "pod-spec",
    mixinStandardHelpOptions = true,
    description = {
      "Print the pod YAML for a GPU request, merged with a base pod if given.",
      "",
      "The pod the Kubernetes plugin runs for a GPU request: the agent container, a",
      "training container with the GPUs, CPU and memory scaled to them, GPU type",
      "placement, tolerations, /dev/shm, priority and deadline. With --base it is",
      "merged into your pod template, and what the request overrides is listed on",
      "stderr."
    })
public class PodSpecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GpuConfigOption config;

  @Parameters(
      paramLabel = "REQUEST",
      description = "A GPU request (gpu:a100:2) or a Jenkins label expression holding one.")
  String request;

  @Option(names = "--base", paramLabel = "FILE", description = "A base pod YAML to merge with.")
  Path base;

  @Override
  public Integer call() throws Exception {
    GpuSettings settings = config.settings(spec);
    GpuRequest gpu =
        LabelExpressions.gpuRequest(request)
            .orElseThrow(
                () ->
                    new InputException(
                        "'"
                            + request
                            + "' holds no GPU request; write e.g. gpu, gpu:2, gpu:a100:4,"
                            + " gpu:mig-1g.10gb"));
    Pod pod = new GpuPodGenerator(settings.pods()).generate(gpu);
    PrintWriter err = spec.commandLine().getErr();
    if (base != null) {
      PodMerger.Result merged =
          new PodMerger(settings.pods()).merge(Files.readString(base), base.toString(), pod);
      pod = merged.pod();
      merged.notes().forEach(note -> err.println("note: " + note));
      err.flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(PodYaml.write(pod));
    out.flush();
    return 0;
  }
}
