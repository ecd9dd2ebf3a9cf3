package io.ctsuite.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import java.time.Duration;
import org.junit.Test;

public class GpuSettingsTest {

  @Test
  public void shouldReadEverySection() {
    GpuSettings settings =
        GpuSettings.read(
            String.join(
                "\n",
                "pods:",
                "  gpuProducts: {a100: [NVIDIA-A100-SXM4-80GB]}",
                "  shmSize: 32Gi",
                "agentPods: [jenkins=slave]",
                "reaper: {pendingTimeout: 45m, idleTimeout: 1h30m}",
                "scheduling:",
                "  priorities: [prod, nightly]",
                "  quotas:",
                "    - {folder: team-vision, maxGpus: 16}",
                "    - {gpuType: h100, maxGpus: 32}",
                "prices: {a100: 3.40}",
                "currency: EUR",
                ""),
            "gpu.yaml");
    assertThat(settings.pods().productsOf("a100")).containsExactly("NVIDIA-A100-SXM4-80GB");
    assertThat(settings.pods().shmSize()).isEqualTo("32Gi");
    assertThat(settings.pods().trainingContainer()).isEqualTo("train");
    assertThat(settings.reaper().pendingTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(settings.reaper().idleTimeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(settings.reaper().endedGrace()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.scheduling().defaultPriority()).isEqualTo("nightly");
    assertThat(settings.scheduling().quotas()).hasSize(2);
    assertThat(settings.scheduling().quotas().get(1).scope()).isEqualTo("all folders, h100");
    assertThat(settings.costModel().price("a100", null)).isEqualTo(3.40);
    assertThat(settings.costModel().currency()).isEqualTo("EUR");
    assertThat(settings.wasteThresholdPercent()).isEqualTo(50.0);
  }

  @Test
  public void shouldUseDefaultsForAnEmptySection() {
    GpuSettings settings = GpuSettings.read("reaper: {}\n", "gpu.yaml");
    assertThat(settings.reaper().pendingTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.scheduling().priorities())
        .containsExactly("production-retrain", "nightly", "hpo-sweep");
  }

  @Test
  public void shouldNameTheFileLineAndFieldOfAMistake() {
    assertThatThrownBy(() -> GpuSettings.read("pods:\n  shmsize: 8Gi\n", "gpu.yaml"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("gpu.yaml line 2")
        .hasMessageContaining("unknown field 'pods.shmsize'")
        .hasMessageContaining("shmSize");
    assertThatThrownBy(() -> GpuSettings.read("reaper:\n  idleTimeout: soon\n", "gpu.yaml"))
        .hasMessageContaining("gpu.yaml")
        .hasMessageContaining("reaper.idleTimeout: 'soon' is not a duration");
    assertThatThrownBy(() -> GpuSettings.read("pods:\n  cpuPerGpu: lots\n", "gpu.yaml"))
        .hasMessageContaining("cpuPerGpu: 'lots' is not a Kubernetes quantity");
    assertThatThrownBy(
            () -> GpuSettings.read("scheduling:\n  quotas:\n    - {folder: a}\n", "gpu.yaml"))
        .hasMessageContaining("quota a: maxGpus is missing");
  }
}
