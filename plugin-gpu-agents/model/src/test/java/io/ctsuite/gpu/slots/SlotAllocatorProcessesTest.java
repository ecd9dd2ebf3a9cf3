package io.ctsuite.gpu.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Three processes share one machine's GPUs through the state file and its lock. */
public class SlotAllocatorProcessesTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void shouldNeverGiveOneGpuToTwoProcessesAtOnce() throws Exception {
    Path dir = temp.newFolder("slots").toPath();
    List<Process> processes = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      Path out = temp.getRoot().toPath().resolve("held-" + p + ".txt");
      outputs.add(out);
      processes.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  SlotWorkerMain.class.getName(),
                  dir.toString(),
                  "3",
                  "40",
                  out.toString(),
                  "p" + p)
              .redirectErrorStream(true)
              .redirectOutput(temp.getRoot().toPath().resolve("log-" + p + ".txt").toFile())
              .start());
    }
    for (int p = 0; p < processes.size(); p++) {
      assertThat(processes.get(p).waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(processes.get(p).exitValue())
          .as(Files.readString(temp.getRoot().toPath().resolve("log-" + p + ".txt")))
          .isZero();
    }
    List<String[]> held = new ArrayList<>();
    for (Path out : outputs) {
      for (String line : Files.readAllLines(out)) {
        held.add(line.split(" "));
      }
    }
    assertThat(held).hasSizeGreaterThanOrEqualTo(3 * 40);
    for (String gpu : List.of("0", "1", "2")) {
      List<String[]> onGpu =
          held.stream()
              .filter(h -> h[0].equals(gpu))
              .sorted(Comparator.comparingLong(h -> Long.parseLong(h[1])))
              .toList();
      for (int i = 1; i < onGpu.size(); i++) {
        String[] before = onGpu.get(i - 1);
        String[] after = onGpu.get(i);
        assertThat(Long.parseLong(before[2]))
            .as("GPU %s: %s still held it when %s got it", gpu, before[3], after[3])
            .isLessThan(Long.parseLong(after[1]));
      }
    }
    assertThat(new SlotAllocator(dir, 3).leases()).isEmpty();
  }
}
