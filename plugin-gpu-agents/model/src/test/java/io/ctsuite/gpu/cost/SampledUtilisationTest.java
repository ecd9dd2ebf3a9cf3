package io.ctsuite.gpu.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ctsuite.gpu.cost.SampledUtilisation.Series;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class SampledUtilisationTest {
  private static final List<Series> FOUR_GPUS =
      List.of(
          new Series("gpu0/util_percent", 80, 10),
          new Series("gpu1/util_percent", 60, 10),
          new Series("gpu2/util_percent", 0, 10),
          new Series("gpu3/util_percent", 0, 10),
          new Series("gpu0/mem_used_mib", 70_000, 10),
          new Series("sys/cpu_percent", 95, 10));

  @Test
  public void shouldAverageOnlyTheLeasedGpus() {
    Utilisation used = SampledUtilisation.of(FOUR_GPUS, Set.of(0, 1)).orElseThrow();

    assertThat(used.averagePercent()).isCloseTo(70.0, within(1e-9));
    assertThat(used.samples()).isEqualTo(20);
  }

  @Test
  public void shouldAverageEveryGpuWhenTheBuildHeldThemAll() {
    assertThat(SampledUtilisation.of(FOUR_GPUS, Set.of()).orElseThrow().averagePercent())
        .isCloseTo(35.0, within(1e-9));
  }

  @Test
  public void shouldWeightSeriesBySamples() {
    List<Series> runs =
        List.of(new Series("gpu0/util_percent", 90, 30), new Series("gpu0/util_percent", 10, 10));

    assertThat(SampledUtilisation.of(runs, Set.of()).orElseThrow().averagePercent())
        .isCloseTo(70.0, within(1e-9));
  }

  @Test
  public void shouldHaveNothingWithoutUtilisationSeriesOfThoseGpus() {
    assertThat(SampledUtilisation.of(FOUR_GPUS, Set.of(7))).isEmpty();
    assertThat(SampledUtilisation.of(List.of(new Series("sys/cpu_percent", 50, 3)), Set.of()))
        .isEmpty();
    assertThat(
            SampledUtilisation.of(
                List.of(new Series("gpu0/util_percent", Double.NaN, 3)), Set.of()))
        .isEmpty();
  }

  @Test
  public void shouldReadTheGpuIndexOfAUtilisationSeries() {
    assertThat(SampledUtilisation.gpuIndex("gpu12/util_percent")).contains(12);
    assertThat(SampledUtilisation.gpuIndex("gpu1/util_percent_x")).isEmpty();
    assertThat(SampledUtilisation.gpuIndex("gpu/util_percent")).isEmpty();
  }
}
