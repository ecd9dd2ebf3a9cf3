package io.ctsuite.gpu.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.Test;

public class GpuRequestParserTest {

  @Test
  public void shouldReadOneGpuOfAnyType() {
    GpuRequest request = GpuRequest.parse("gpu");
    assertThat(request.count()).isEqualTo(1);
    assertThat(request.type()).isNull();
    assertThat(request.resourceName()).isEqualTo("nvidia.com/gpu");
    assertThat(request.spot()).isFalse();
  }

  @Test
  public void shouldReadCountTypeAndBoth() {
    assertThat(GpuRequest.parse("gpu:2").count()).isEqualTo(2);
    assertThat(GpuRequest.parse("gpu:h100").type()).isEqualTo("h100");
    GpuRequest a100 = GpuRequest.parse("gpu:A100:4");
    assertThat(a100.type()).isEqualTo("a100");
    assertThat(a100.count()).isEqualTo(4);
    assertThat(a100.describe()).isEqualTo("4 A100 GPUs");
  }

  @Test
  public void shouldReadMigProfilesAsTheirOwnResource() {
    GpuRequest slice = GpuRequest.parse("gpu:mig-1g.10gb");
    assertThat(slice.resourceName()).isEqualTo("nvidia.com/mig-1g.10gb");
    assertThat(slice.count()).isEqualTo(1);
    assertThat(slice.gpuFractionPerUnit()).isEqualTo(1 / 7.0);
    GpuRequest typed = GpuRequest.parse("gpu:a100:mig-3g.40gb:2");
    assertThat(typed.type()).isEqualTo("a100");
    assertThat(typed.resourceName()).isEqualTo("nvidia.com/mig-3g.40gb");
    assertThat(typed.count()).isEqualTo(2);
    assertThat(GpuRequest.parse("gpu:mig-1g.10gb+me").migProfile()).isEqualTo("1g.10gb+me");
    assertThat(GpuRequest.parse("gpu:mig-1c.3g.40gb").gpuFractionPerUnit()).isEqualTo(3 / 7.0);
  }

  @Test
  public void shouldReadModifiers() {
    GpuRequest request =
        GpuRequest.parse("gpu:2,spot,shm=32Gi,deadline=1h30m,priority=nightly-retrain");
    assertThat(request.spot()).isTrue();
    assertThat(request.shmSize()).isEqualTo("32Gi");
    assertThat(request.deadline()).isEqualTo(Duration.ofMinutes(90));
    assertThat(request.priority()).isEqualTo("nightly-retrain");
    assertThat(GpuRequest.parse("gpu,preemptible").spot()).isTrue();
  }

  @Test
  public void shouldWriteTheCanonicalFormThatReadsBack() {
    for (String text :
        new String[] {
          "gpu",
          "gpu:2",
          "gpu:a100:4",
          "gpu:mig-1g.10gb",
          "gpu:2,spot",
          "gpu:h100:8,spot,shm=64Gi,deadline=1d12h,priority=prod"
        }) {
      GpuRequest request = GpuRequest.parse(text);
      assertThat(request.text()).isEqualTo(text);
      assertThat(GpuRequest.parse(request.text())).isEqualTo(request);
    }
    assertThat(GpuRequest.parse(" GPU:A100:1 , PREEMPTIBLE ").text()).isEqualTo("gpu:a100,spot");
  }

  @Test
  public void shouldRefuseZeroAndNegativeCountsNamingTheToken() {
    assertThatThrownBy(() -> GpuRequest.parse("gpu:0"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "GPU request 'gpu:0': '0' GPUs: the count must be at least 1 (for no GPU, leave out"
                + " the request)");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:-1"))
        .hasMessage(
            "GPU request 'gpu:-1': '-1' is not a GPU count; a count is a whole number of at"
                + " least 1");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:a100:99999999999"))
        .hasMessageContaining("'99999999999' GPUs is more than any machine has");
  }

  @Test
  public void shouldRefuseUnknownModifiersAndListTheKnownOnes() {
    assertThatThrownBy(() -> GpuRequest.parse("gpu:2,fast"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "GPU request 'gpu:2,fast': unknown modifier 'fast'; the modifiers are spot,"
                + " preemptible, shm=<size>, deadline=<duration>, priority=<class>");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:2,spot,spot")).hasMessageContaining("twice");
    assertThatThrownBy(() -> GpuRequest.parse("gpu,spot=yes"))
        .hasMessageContaining("takes no value");
    assertThatThrownBy(() -> GpuRequest.parse("gpu,shm=lots")).hasMessageContaining("'shm=lots'");
    assertThatThrownBy(() -> GpuRequest.parse("gpu,deadline=soon"))
        .hasMessageContaining("'deadline=soon'");
    assertThatThrownBy(() -> GpuRequest.parse("gpu,deadline=0m")).hasMessageContaining("zero");
    assertThatThrownBy(() -> GpuRequest.parse("gpu,priority=High!"))
        .hasMessageContaining("'priority=High!'");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:2,")).hasMessageContaining("empty modifier");
  }

  @Test
  public void shouldRefuseMalformedHeadsNamingThePart() {
    assertThatThrownBy(() -> GpuRequest.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> GpuRequest.parse("tpu:2")).hasMessageContaining("'tpu' is not 'gpu'");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:")).hasMessageContaining("nothing");
    assertThatThrownBy(() -> GpuRequest.parse("gpu::2")).hasMessageContaining("nothing");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:0.5"))
        .hasMessageContaining("'0.5' is neither a GPU count");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:2:a100"))
        .hasMessageContaining("'a100' comes after the count");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:a100:h100"))
        .hasMessageContaining("'h100' is a second GPU type");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:mig-1g"))
        .hasMessageContaining("'mig-1g' is not a MIG profile");
    assertThatThrownBy(() -> GpuRequest.parse("gpu:mig-1g.10gb:a100"))
        .hasMessageContaining("comes after the MIG profile");
  }

  @Test
  public void shouldSurviveJavaSerializationForTheJenkinsQueue() throws Exception {
    GpuRequest request = GpuRequest.parse("gpu:a100:4,spot,deadline=6h");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(request);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(request);
    }
  }
}
