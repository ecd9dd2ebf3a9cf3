package io.ctsuite.gpu.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.core.nvidia.GpuSample;
import io.ctsuite.core.nvidia.NvidiaSmi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class CostTest {
  private final CostModel prices =
      new CostModel(Map.of("a100", 3.40, "h100", 6.98, "default", 1.0), "USD");

  @Test
  public void shouldPriceABuildFromItsLifetimeAndGpus() {
    BuildCost cost = prices.cost("a100", "a100", 4, Duration.ofMinutes(150));
    assertThat(cost.gpuHours()).isEqualTo(10.0);
    assertThat(cost.amount()).isEqualTo(34.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cost.describe()).isEqualTo("4 A100s for 2 h 30 min: 10.0 GPU-hours, 34.00 USD");
  }

  @Test
  public void shouldPriceMigSlicesAsTheirShareOfTheGpu() {
    assertThat(prices.price("mig-1g.10gb", "a100"))
        .isCloseTo(3.40 / 7, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(prices.price("l4", null)).isEqualTo(1.0);
    assertThat(new CostModel(Map.of(), null).cost("a100", null, 1, Duration.ofHours(1)).describe())
        .isEqualTo("1 A100 for 1 h: 1.0 GPU-hours (no price configured)");
  }

  @Test
  public void shouldWarnAboutWastedGpuHours() {
    BuildCost cost = prices.cost("a100", "a100", 4, Duration.ofHours(1));
    assertThat(Utilisation.of(23).wasteWarning(cost, 50))
        .contains("this build used 23 % of 4 A100s: 3.1 GPU-hours wasted (about 10.47 USD)");
    assertThat(Utilisation.of(80).wasteWarning(cost, 50)).isEmpty();
  }

  @Test
  public void shouldAverageTheMonitorsSamples() throws Exception {
    // a real nvidia-smi log of one RTX 2070, header repeated before every row
    String csv =
        Files.readString(
            Path.of("../../../shared/fixtures/nvidia-smi/AkshayRoyal__gpu-usage/gpu_usage.csv"));
    List<GpuSample> samples = NvidiaSmi.parse("gpu_usage.csv", csv);
    Utilisation utilisation = Utilisation.of(samples).orElseThrow();
    assertThat(utilisation.samples()).isEqualTo(samples.size()).isGreaterThan(100);
    double mean =
        samples.stream().mapToDouble(GpuSample::utilizationPercent).average().orElseThrow();
    assertThat(utilisation.averagePercent()).isEqualTo(mean);
    assertThat(
            Utilisation.of(List.of(new GpuSample(0, null, "H100 MIG", null, 1.0, 2.0, null, null))))
        .isEmpty();
  }

  @Test
  public void shouldRefuseNegativePricesNamingTheType() {
    assertThatThrownBy(() -> new CostModel(Map.of("a100", -1.0), "USD"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("prices.a100");
  }
}
