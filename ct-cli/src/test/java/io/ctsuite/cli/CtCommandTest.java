package io.ctsuite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
