package io.ctsuite.gpu.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.gpu.request.GpuRequest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.Test;

public class PodMergerTest {
  private final PodSpecOptions options =
      PodSpecOptions.defaults().withScheduling("gpu-high", 7200L);
  private final GpuPodGenerator generator = new GpuPodGenerator(options);
  private final PodMerger merger = new PodMerger(options);

  private PodMerger.Result merge(String base, String request) {
    return merger.merge(base, "base.yaml", generator.generate(GpuRequest.parse(request)));
  }

  @Test
  public void shouldKeepFieldsTheModelDoesNotKnow() {
    String base =
        "spec:\n"
            + "  someFutureField: kept\n"
            + "  containers:\n"
            + "  - name: train\n"
            + "    image: ml:1\n"
            + "    futureContainerField: {a: 1}\n";
    String yaml = PodYaml.write(merge(base, "gpu:2").pod());
    assertThat(yaml).contains("someFutureField: kept").contains("futureContainerField:");
  }

  @Test
  public void shouldLetTheRequestDecidePriorityAndDeadline() {
    String base = "spec:\n  priorityClassName: low\n  activeDeadlineSeconds: 60\n";
    PodMerger.Result result = merge(base, "gpu:2");
    assertThat(result.pod().getSpec().getPriorityClassName()).isEqualTo("gpu-high");
    assertThat(result.pod().getSpec().getActiveDeadlineSeconds()).isEqualTo(7200L);
    assertThat(result.notes())
        .contains(
            "spec.priorityClassName of the base pod (low) is replaced by gpu-high from the request");
  }

  @Test
  public void shouldKeepLargerBaseRequestsOfTheTrainingContainer() {
    String base =
        "spec:\n  containers:\n  - name: train\n    resources:\n      requests: {cpu: 64, memory: 100Gi}\n";
    Container train = container(merge(base, "gpu:2").pod(), "train");
    assertThat(train.getResources().getRequests().get("cpu").toString()).isEqualTo("64");
    assertThat(train.getResources().getRequests().get("memory").toString()).isEqualTo("100Gi");
    assertThat(train.getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("2");
  }

  @Test
  public void shouldKeepTheBaseImageAndCommandOfTheTrainingContainer() {
    String base =
        "spec:\n  containers:\n  - name: train\n    image: mine:2\n    command: [python, train.py]\n";
    Container train = container(merge(base, "gpu").pod(), "train");
    assertThat(train.getImage()).isEqualTo("mine:2");
    assertThat(train.getCommand()).containsExactly("python", "train.py");
    assertThat(train.getArgs()).isEmpty();
  }

  @Test
  public void shouldNotDuplicateATolerationBothSidesHave() {
    String base =
        "spec:\n  tolerations:\n  - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}\n";
    assertThat(merge(base, "gpu").pod().getSpec().getTolerations()).hasSize(1);
  }

  @Test
  public void shouldNameTheFileLineAndFieldOfABadBase() {
    assertThatThrownBy(() -> merge("spec:\n  containers:\n    name: train\n", "gpu"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("base.yaml line 3")
        .hasMessageContaining("spec.containers");
    assertThatThrownBy(() -> merge("spec: [\n", "gpu"))
        .hasMessageStartingWith("base.yaml line")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> merge("kind: Deployment\n", "gpu"))
        .hasMessage("base.yaml: kind is 'Deployment'; the base must be a Pod (kind: Pod)");
  }

  @Test
  public void shouldNameAnUnconfiguredGpuType() {
    assertThatThrownBy(() -> generator.generate(GpuRequest.parse("gpu:b200:8")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("the GPU type 'b200' is not configured; known types: a100, h100");
  }

  private static Container container(Pod pod, String name) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
