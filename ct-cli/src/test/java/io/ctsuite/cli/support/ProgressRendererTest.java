package io.ctsuite.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class ProgressRendererTest {
  @Test
  public void shouldDescribeRatesAndTimeLeftInPlainLines() {
    String line =
        ProgressRenderer.line("hashing", 250, 1000, 50_000_000, 200_000_000, 5_000_000_000L);
    assertThat(line)
        .isEqualTo("hashing: 250/1000 files, 50.0 MB, 50 files/s, 10.0 MB/s, about 15s left");
  }

  @Test
  public void shouldAlwaysPrintTheFinalLineWhenNotOnATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressRenderer renderer =
        new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
      renderer.update("hashing", 1, 3, 0, 0);
      renderer.update("hashing", 2, 3, 0, 0);
      renderer.update("hashing", 3, 3, 0, 0);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("hashing: 1/3 files");
  }
}
