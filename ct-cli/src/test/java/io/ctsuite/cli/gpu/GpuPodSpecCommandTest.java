package io.ctsuite.cli.gpu;

import static io.ctsuite.cli.gpu.CliRun.ct;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.gpu.pod.PodYaml;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GpuPodSpecCommandTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private String store() {
    return temp.getRoot().toPath().resolve("store").toString();
  }

  @Test
  public void shouldPrintThePodForARequest() {
    CliRun run = ct("--store", store(), "gpu", "pod-spec", "gpu:a100:2");
    assertThat(run.exit).as(run.toString()).isZero();
    Pod pod = PodYaml.read(run.out, "output");
    var train = pod.getSpec().getContainers().get(1);
    assertThat(train.getName()).isEqualTo("train");
    assertThat(train.getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("2");
    assertThat(run.out).contains("- NVIDIA-A100-SXM4-80GB").contains("name: jnlp");
    assertThat(run.err).isEmpty();
  }

  @Test
  public void shouldTakeTheRequestFromALabelExpression() {
    CliRun run = ct("--store", store(), "gpu", "pod-spec", "linux && \"gpu:t4,spot\"");
    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("nvidia.com/gpu.product: Tesla-T4")
        .contains("karpenter.sh/capacity-type");
  }

  @Test
  public void shouldMergeWithABaseAndListTheOverridesOnStderr() throws Exception {
    Path base = temp.newFile("pod.yaml").toPath();
    Files.writeString(
        base,
        "spec:\n  serviceAccountName: ml\n  containers:\n  - name: train\n    image: mine:1\n"
            + "    resources: {limits: {nvidia.com/gpu: 1}}\n");
    CliRun run = ct("--store", store(), "gpu", "pod-spec", "gpu:4", "--base", base.toString());
    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("serviceAccountName: ml")
        .contains("image: mine:1")
        .contains("nvidia.com/gpu: \"4\"");
    assertThat(run.err)
        .isEqualTo(
            "note: container 'train': GPU resources nvidia.com/gpu=1 of the base pod are replaced by"
                + " nvidia.com/gpu=4\n");
  }

  @Test
  public void shouldUseTheSettingsFile() throws Exception {
    Path config = temp.newFile("gpu.yaml").toPath();
    Files.writeString(config, "pods:\n  gpuProducts: {b200: [NVIDIA-B200]}\n  shmSize: 4Gi\n");
    CliRun run =
        ct("--store", store(), "gpu", "pod-spec", "gpu:b200:8", "--config", config.toString());
    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out).contains("nvidia.com/gpu.product: NVIDIA-B200").contains("sizeLimit: 4Gi");
  }

  @Test
  public void shouldExplainBadRequestsWithExitCode2() throws Exception {
    CliRun zero = ct("--store", store(), "gpu", "pod-spec", "gpu:0");
    assertThat(zero.exit).isEqualTo(2);
    assertThat(zero.err)
        .startsWith("ct gpu pod-spec: GPU request 'gpu:0' in label 'gpu:0': '0' GPUs");
    CliRun type = ct("--store", store(), "gpu", "pod-spec", "gpu:b200");
    assertThat(type.err).contains("the GPU type 'b200' is not configured; known types: a100");
    CliRun none = ct("--store", store(), "gpu", "pod-spec", "linux");
    assertThat(none.err).contains("'linux' holds no GPU request");
    CliRun missing = ct("--store", store(), "gpu", "pod-spec", "gpu", "--base", "absent.yaml");
    assertThat(missing.exit).isEqualTo(2);
    assertThat(missing.err).contains("absent.yaml");
    Path bad = temp.newFile("bad.yaml").toPath();
    Files.writeString(bad, "pods:\n  shmsize: 4Gi\n");
    CliRun config = ct("--store", store(), "gpu", "pod-spec", "gpu", "--config", bad.toString());
    assertThat(config.err).contains("bad.yaml line 2: unknown field 'pods.shmsize'");
  }
}
