package io.ctsuite.core.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class NvidiaSmiTest {
  private static final Path FIXTURES = Path.of("../../shared/fixtures/nvidia-smi");

  private static String fixture(String path) throws Exception {
    return Files.readString(FIXTURES.resolve(path));
  }

  @Test
  public void shouldBuildTheQueryCommand() {
    assertThat(NvidiaSmi.queryCommand())
        .containsExactly(
            "nvidia-smi",
            "--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,power.draw,"
                + "temperature.gpu",
            "--format=csv,noheader,nounits");
    assertThat(NvidiaSmi.loopCommand(Duration.ofSeconds(5))).endsWith("-lms=5000");
  }

  @Test
  public void shouldParseTheNoHeaderNoUnitsFormatOfTheQueryCommand() {
    // Shaped like queryCommand()'s output on the 8x H200 host of the nvidia-smi.txt fixture
    // (GPU 0 and 1 rows of its table: 29C/27C, 76 W, 0 of 143771 MiB, 0 %).
    String text =
        "0, GPU-5b3c2f6e-1111-2222-3333-444455556666, NVIDIA H200, 0, 0, 143771, 76.12, 29\n"
            + "1, GPU-7d1e0a9b-1111-2222-3333-444455556666, NVIDIA H200, 0, 0, 143771, 75.98, 27\n";

    List<GpuSample> gpus = NvidiaSmi.parse("nvidia-smi", text);

    assertThat(gpus)
        .containsExactly(
            new GpuSample(
                0,
                "GPU-5b3c2f6e-1111-2222-3333-444455556666",
                "NVIDIA H200",
                0.0,
                0.0,
                143771.0,
                76.12,
                29.0),
            new GpuSample(
                1,
                "GPU-7d1e0a9b-1111-2222-3333-444455556666",
                "NVIDIA H200",
                0.0,
                0.0,
                143771.0,
                75.98,
                27.0));
  }

  @Test
  public void shouldParseAMigGpuWithUnitsAndNotAvailableValues() throws Exception {
    // 212 columns with a header; the GPU is MIG-enabled, so utilization.gpu is [N/A]
    List<GpuSample> gpus =
        NvidiaSmi.parse(
            "h100",
            fixture("utkuozdemir__nvidia_gpu_exporter/excerpts/h100-mig__load__query-gpu.csv"));

    assertThat(gpus)
        .containsExactly(
            new GpuSample(
                0,
                "GPU-00000000-0000-0000-0000-000000000000",
                "NVIDIA H100 80GB HBM3",
                null,
                11125.0,
                81559.0,
                433.78,
                53.0));
  }

  @Test
  public void shouldSkipRepeatedHeadersAndReadColumnsByName() throws Exception {
    String text = fixture("AkshayRoyal__gpu-usage/gpu_usage.csv");
    long rows = text.lines().filter(l -> !l.startsWith("timestamp")).count();

    List<GpuSample> gpus = NvidiaSmi.parse("gpu_usage.csv", text);

    assertThat(gpus).hasSize((int) rows).hasSize(224);
    assertThat(gpus.get(0))
        .isEqualTo(
            new GpuSample(0, null, "NVIDIA GeForce RTX 2070", 22.0, 841.0, 8192.0, null, null));
    assertThat(gpus).allSatisfy(g -> assertThat(g.memoryTotalMiB()).isEqualTo(8192.0));
  }

  @Test
  public void shouldReadNoDevicesAsNoGpus() {
    assertThat(NvidiaSmi.parse("nvidia-smi", "No devices were found\n")).isEmpty();
    assertThat(NvidiaSmi.parse("nvidia-smi", "")).isEmpty();
  }

  @Test
  public void shouldTreatEveryBracketedValueAsNotAvailable() {
    GpuSample gpu =
        NvidiaSmi.parse(
                "x", "3, GPU-1, Tesla T4, [Not Supported], [N/A], 15360, [Unknown Error], N/A")
            .get(0);

    assertThat(gpu.index()).isEqualTo(3);
    assertThat(gpu.utilizationPercent()).isNull();
    assertThat(gpu.memoryUsedMiB()).isNull();
    assertThat(gpu.memoryTotalMiB()).isEqualTo(15360.0);
    assertThat(gpu.powerWatts()).isNull();
    assertThat(gpu.temperatureC()).isNull();
  }

  @Test
  public void shouldNameTheLineAndFieldOfBadValues() {
    assertThatThrownBy(
            () ->
                NvidiaSmi.parse(
                    "smi.csv",
                    "0, GPU-1, T4, 5, 10, 15360, 70, 40\n1, GPU-2, T4, busy, 1, 2, 3, 4"))
        .isInstanceOf(InputException.class)
        .hasMessage("smi.csv:2: field 'utilization.gpu' is not a number: 'busy'");
    assertThatThrownBy(() -> NvidiaSmi.parse("smi.csv", "0, GPU-1, T4"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("smi.csv:1: expected 8 columns");
  }
}
