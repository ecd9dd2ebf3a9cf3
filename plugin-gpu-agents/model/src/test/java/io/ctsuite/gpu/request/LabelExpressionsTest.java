package io.ctsuite.gpu.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import org.junit.Test;

public class LabelExpressionsTest {

  @Test
  public void shouldFindTheGpuAtomBetweenOtherLabels() {
    assertThat(LabelExpressions.gpuRequest("linux && gpu:a100:2"))
        .contains(GpuRequest.parse("gpu:a100:2"));
    assertThat(LabelExpressions.gpuRequest("(linux&&cuda12)&&gpu:mig-1g.10gb"))
        .contains(GpuRequest.parse("gpu:mig-1g.10gb"));
    assertThat(LabelExpressions.gpuRequest("gpu")).contains(GpuRequest.parse("gpu"));
  }

  @Test
  public void shouldReadQuotedAtomsWithCommas() {
    assertThat(LabelExpressions.gpuRequest("\"gpu:2,spot\" && linux"))
        .contains(GpuRequest.parse("gpu:2,spot"));
    assertThat(LabelExpressions.gpuRequest("gpu:2,spot")).contains(GpuRequest.parse("gpu:2,spot"));
  }

  @Test
  public void shouldKeepDashesInAtomsButSplitArrows() {
    assertThat(LabelExpressions.gpuRequest("gpu:mig-3g.40gb->linux"))
        .contains(GpuRequest.parse("gpu:mig-3g.40gb"));
    assertThat(LabelExpressions.gpuRequest("gpu-node && linux")).isEmpty();
    assertThat(LabelExpressions.gpuRequest("gpus")).isEmpty();
  }

  @Test
  public void shouldAnswerEmptyWithoutAGpuAtom() {
    assertThat(LabelExpressions.gpuRequest("linux && docker")).isEmpty();
    assertThat(LabelExpressions.gpuRequest("")).isEmpty();
    assertThat(LabelExpressions.gpuRequest(null)).isEmpty();
  }

  @Test
  public void shouldNameTheLabelWhenTheRequestIsWrong() {
    assertThatThrownBy(() -> LabelExpressions.gpuRequest("linux && gpu:0"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("GPU request 'gpu:0' in label 'linux && gpu:0': '0' GPUs");
  }

  @Test
  public void shouldRefuseNegatedAndConflictingRequests() {
    assertThatThrownBy(() -> LabelExpressions.gpuRequest("linux && !gpu"))
        .hasMessageContaining("cannot be negated");
    assertThatThrownBy(() -> LabelExpressions.gpuRequest("gpu:a100 || gpu:h100"))
        .hasMessageContaining("two different GPU requests, 'gpu:a100' and 'gpu:h100'");
    assertThat(LabelExpressions.gpuRequest("gpu:2 && (gpu:2 || linux)"))
        .contains(GpuRequest.parse("gpu:2"));
    assertThatThrownBy(() -> LabelExpressions.gpuRequest("\"gpu:2"))
        .hasMessageContaining("never closed");
  }
}
