package io.jenkins.plugins.ct.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.gpu.GpuSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
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
 * Golden pods, kubernetes-plugin style: {@code pods/<case>-request.txt} (first line the request, an
 * optional second line {@code resource=<name>}), an optional {@code <case>-before.yaml} (the user's
 * base pod) give {@code <case>-after.yaml}. Plain JUnit: {@link GpuPods} needs no Jenkins.
 */
@RunWith(Parameterized.class)
public class GpuPodsGoldenTest {
  private final String name;

  public GpuPodsGoldenTest(String name) {
    this.name = name;
  }

  @Parameters(name = "{0}")
  public static Collection<Object[]> cases() throws IOException, URISyntaxException {
    List<Object[]> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir())) {
      files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith("-request.txt"))
          .sorted()
          .forEach(f -> cases.add(new Object[] {f.substring(0, f.indexOf("-request.txt"))}));
    }
    return cases;
  }

  @Test
  public void shouldRenderTheGoldenPod() throws Exception {
    List<String> request = Files.readAllLines(dir().resolve(name + "-request.txt"));
    String resource = null;
    if (request.size() > 1 && request.get(1).startsWith("resource=")) {
      resource = request.get(1).substring("resource=".length());
    }
    Path before = dir().resolve(name + "-before.yaml");
    String base = Files.exists(before) ? Files.readString(before) : null;
    GpuPods pods = new GpuPods(GpuSettings.defaults(), resource, "j0123456789abcdef");

    GpuPods.Rendered rendered =
        pods.render(GpuPods.request(request.get(0)), base, name + "-before.yaml");

    assertThat(rendered.yaml())
        .isEqualTo(Files.readString(dir().resolve(name + "-after.yaml"), StandardCharsets.UTF_8));
  }

  private static Path dir() throws URISyntaxException {
    URL url = GpuPodsGoldenTest.class.getResource("pods");
    return Path.of(url.toURI());
  }
}
