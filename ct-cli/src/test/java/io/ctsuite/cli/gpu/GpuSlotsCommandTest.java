package io.ctsuite.cli.gpu;

import static io.ctsuite.cli.gpu.CliRun.ct;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GpuSlotsCommandTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private String state() {
    return temp.getRoot().toPath().resolve("slots").toString();
  }

  @Test
  public void shouldLeaseDisjointGpusAndPrintTheEnvironment() {
    CliRun first =
        ct(
            "gpu", "slots", "lease", "--state", state(), "--total", "4", "--id", "a #1", "--gpus",
            "2");
    assertThat(first.exit).as(first.toString()).isZero();
    assertThat(first.out)
        .isEqualTo("export CUDA_VISIBLE_DEVICES=0,1\nexport NVIDIA_VISIBLE_DEVICES=0,1\n");
    CliRun second =
        ct(
            "gpu", "slots", "lease", "--state", state(), "--total", "4", "--id", "b #2", "--gpus",
            "2");
    assertThat(second.out).contains("CUDA_VISIBLE_DEVICES=2,3");
    CliRun third = ct("gpu", "slots", "lease", "--state", state(), "--total", "4", "--id", "c #3");
    assertThat(third.exit).isEqualTo(1);
    assertThat(third.err).contains("needs 1 GPU but none of 4 are free; held by 'a #1' (GPU 0, 1");
    CliRun show = ct("gpu", "slots", "--state", state(), "--total", "4");
    assertThat(show.exit).as(show.toString()).isZero();
    assertThat(show.out)
        .containsPattern("0\\s+a #1")
        .containsPattern("3\\s+b #2")
        .contains("0 of 4 GPUs free");
    assertThat(
            ct("gpu", "slots", "release", "--state", state(), "--total", "4", "--id", "a #1").out)
        .contains("released the GPUs of a #1");
    assertThat(ct("gpu", "slots", "renew", "--state", state(), "--total", "4", "--id", "a #1").exit)
        .isEqualTo(1);
    assertThat(ct("gpu", "slots", "lease", "--state", state(), "--total", "4", "--id", "c #3").out)
        .contains("CUDA_VISIBLE_DEVICES=0\n");
  }

  @Test
  public void shouldRefuseMoreGpusThanTheMachineHasAsBadUsage() {
    CliRun run =
        ct("gpu", "slots", "lease", "--state", state(), "--total", "2", "--id", "x", "--gpus", "3");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("this machine has 2 GPUs; 3 can never be granted");
  }

  @Test
  public void shouldSayClearlyWhenNvidiaSmiIsMissing() {
    CliRun run =
        ct(
            "gpu",
            "slots",
            "--state",
            state(),
            "--nvidia-smi",
            temp.getRoot() + "/no-such-nvidia-smi");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("nvidia-smi was not found").contains("pass --total N");
  }

  @Test
  public void shouldUseTheNvidiaSmiViewOfTheMachine() throws Exception {
    Assume.assumeTrue(Files.exists(Path.of("/bin/sh")));
    Path csv =
        Path.of(
                "../../shared/fixtures/nvidia-smi/utkuozdemir__nvidia_gpu_exporter/excerpts/"
                    + "h100-mig__load__query-gpu.csv")
            .toAbsolutePath();
    Path script = temp.getRoot().toPath().resolve("nvidia-smi");
    Files.writeString(script, "#!/bin/sh\ncat '" + csv + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliRun show = ct("gpu", "slots", "--state", state(), "--nvidia-smi", script.toString());
    assertThat(show.exit).as(show.toString()).isZero();
    assertThat(show.out)
        .contains("NVIDIA H100 80GB HBM3")
        .contains("11125 / 81559 MiB")
        .contains("1 of 1 GPUs free");
    CliRun lease =
        ct(
            "gpu",
            "slots",
            "lease",
            "--state",
            state(),
            "--nvidia-smi",
            script.toString(),
            "--id",
            "x");
    assertThat(lease.exit).isEqualTo(1);
    assertThat(lease.err)
        .contains(
            "GPU 0 is not leased but has 11125 MiB in use by a process outside the allocator");
  }

  @Test
  public void shouldReportFailingNvidiaSmi() throws Exception {
    Path script = temp.getRoot().toPath().resolve("nvidia-smi");
    Files.writeString(
        script,
        "#!/bin/sh\necho \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA"
            + " driver.\"\nexit 9\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliRun run = ct("gpu", "slots", "--state", state(), "--nvidia-smi", script.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .contains("failed (exit 9): NVIDIA-SMI has failed because it couldn't communicate");
  }

  @Test
  public void shouldWarnAboutWastedGpuHours() throws Exception {
    Path config = temp.newFile("gpu.yaml").toPath();
    Files.writeString(config, "prices: {a100: 3.40}\n");
    CliRun run =
        ct(
            "gpu",
            "cost",
            "--config",
            config.toString(),
            "--type",
            "a100",
            "--gpus",
            "4",
            "--duration",
            "1h",
            "--utilisation",
            "23");
    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("4 A100s for 1 h: 4.0 GPU-hours, 13.60 USD")
        .contains(
            "warning: this build used 23 % of 4 A100s: 3.1 GPU-hours wasted (about 10.47 USD)");
  }
}
