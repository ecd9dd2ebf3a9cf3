package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.gpu.GpuSettings;
import io.ctsuite.gpu.request.GpuRequest;
import org.junit.Test;

public class GpuPodsTest {
  @Test
  public void shouldNameTheUnknownTypeInItsError() {
    GpuPods pods = new GpuPods(GpuSettings.defaults(), null, null);
    assertThatThrownBy(() -> pods.render(GpuPods.request("gpu:x100:2"), null, "base"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'x100' is not configured")
        .hasMessageContaining("a100");
  }

  @Test
  public void shouldRefuseALabelWithoutAGpuRequest() {
    assertThatThrownBy(() -> GpuPods.request("linux && cuda12"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("asks for no GPU");
  }

  @Test
  public void shouldFindTheRequestInALabelExpression() {
    GpuRequest request = GpuPods.request("linux && \"gpu:a100:2,spot\"");
    assertThat(request.count()).isEqualTo(2);
    assertThat(request.type()).isEqualTo("a100");
    assertThat(request.spot()).isTrue();
  }

  @Test
  public void shouldNameTheBaseFileWhenItIsNotAPod() {
    GpuPods pods = new GpuPods(GpuSettings.defaults(), null, null);
    assertThatThrownBy(
            () -> pods.render(GpuPods.request("gpu"), "kind: Service\n", "gpuPodYaml yaml"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("gpuPodYaml yaml")
        .hasMessageContaining("kind is 'Service'");
  }
}
