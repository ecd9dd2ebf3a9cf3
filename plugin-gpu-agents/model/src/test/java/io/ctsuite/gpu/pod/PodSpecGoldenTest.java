package io.ctsuite.gpu.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.gpu.ConfigYaml;
import io.ctsuite.gpu.request.GpuRequest;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Golden cases under src/test/resources/pod-specs: {@code <case>-request.txt}, optionally {@code
 * <case>-base.yaml} and {@code <case>-options.yaml}, give {@code <case>-expected.yaml} and, when
 * the request overrides the base, {@code <case>-notes.txt}. Run with -Dgolden.update=true to
 * rewrite the expected files after a deliberate change, then review the diff.
 */
@RunWith(Parameterized.class)
public class PodSpecGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/pod-specs");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private final String name;

  public PodSpecGoldenTest(String name) {
    this.name = name;
  }

  @Parameters(name = "{0}")
  public static Collection<Object[]> cases() throws IOException {
    List<Object[]> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith("-request.txt"))
          .sorted()
          .forEach(
              f -> cases.add(new Object[] {f.substring(0, f.length() - "-request.txt".length())}));
    }
    return cases;
  }

  @Test
  public void shouldRenderTheExpectedPod() throws IOException {
    GpuRequest request = GpuRequest.parse(read("-request.txt").strip());
    PodSpecOptions options =
        Files.exists(file("-options.yaml"))
            ? ConfigYaml.read(read("-options.yaml"), name + "-options.yaml", PodSpecOptions.class)
            : PodSpecOptions.defaults();
    Pod pod = new GpuPodGenerator(options).generate(request);
    String notes = "";
    if (Files.exists(file("-base.yaml"))) {
      PodMerger.Result merged =
          new PodMerger(options).merge(read("-base.yaml"), name + "-base.yaml", pod);
      pod = merged.pod();
      notes = merged.notes().isEmpty() ? "" : String.join("\n", merged.notes()) + "\n";
    }
    String yaml = PodYaml.write(pod);
    if (UPDATE) {
      Files.writeString(file("-expected.yaml"), yaml);
      if (notes.isEmpty()) {
        Files.deleteIfExists(file("-notes.txt"));
      } else {
        Files.writeString(file("-notes.txt"), notes);
      }
    }
    assertThat(yaml).isEqualTo(read("-expected.yaml"));
    assertThat(notes).isEqualTo(Files.exists(file("-notes.txt")) ? read("-notes.txt") : "");
    // what we print must read back as the same pod
    assertThat(PodYaml.read(yaml, name)).isEqualTo(pod);
  }

  private Path file(String suffix) {
    return DIR.resolve(name + suffix);
  }

  private String read(String suffix) throws IOException {
    return Files.readString(file(suffix), StandardCharsets.UTF_8);
  }
}
