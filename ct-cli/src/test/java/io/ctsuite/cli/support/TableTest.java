package io.ctsuite.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.Test;

public class TableTest {
  @Test
  public void shouldAlignTextLeftAndNumbersRight() {
    StringWriter text = new StringWriter();
    new Table("run", "val/acc")
        .row("baseline", "0.91")
        .row("candidate-long", "0.935")
        .print(new PrintWriter(text));
    assertThat(text.toString())
        .isEqualTo(
            "run             val/acc\n"
                + "--------------  -------\n"
                + "baseline           0.91\n"
                + "candidate-long    0.935\n");
  }
}
