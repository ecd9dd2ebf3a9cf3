package io.ctsuite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import picocli.CommandLine;

public class CtCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int ct(String... args) {
    CommandLine cli = CtCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  public void shouldListEveryAreaInHelp() {
    assertThat(ct("--help")).isZero();
    assertThat(out.toString())
        .contains("track", "dataset", "gate", "promote", "comment", "gpu", "sweep", "demo")
        .contains("Exit codes:");
  }

  @Test
  public void shouldExitWithUsageCodeOnAnUnknownCommand() {
    assertThat(ct("trak")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").contains("track");
  }

  @Test
  public void shouldExitWithUsageCodeWithoutACommand() {
    assertThat(ct()).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: ct");
  }

  @Test
  public void shouldPrintAVersion() {
    assertThat(ct("--version")).isZero();
    assertThat(out.toString()).startsWith("ct ");
  }

  /**
   * Picocli formats descriptions with printf, so a lone percent sign turns a help page into a
   * warning on standard error and an unformatted text: every command's help must render cleanly.
   */
  @Test
  public void shouldRenderEveryCommandsHelpWithoutAFormatWarning() {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    StringBuilder pages = new StringBuilder();
    try {
      renderAll(CtCommand.commandLine(), pages);
    } finally {
      System.setErr(original);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(pages.toString())
        .contains("Usage: ct sweep benchmark")
        .contains("at most 50 % of its compute")
        .doesNotContain("%n");
  }

  private static void renderAll(CommandLine command, StringBuilder pages) {
    pages.append(command.getUsageMessage());
    command.getSubcommands().values().forEach(sub -> renderAll(sub, pages));
  }
}
