package io.ctsuite.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.datasets.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.Test;

public class ErrorHandlerTest {
  @Test
  public void shouldShowTheSentenceAnUncheckedIoFailureWasGiven() {
    IOException disk = new IOException("No space left on device");

    assertThat(ErrorHandler.describe(Failures.io("Could not write manifest reg/m.bin", disk)))
        .isEqualTo("Could not write manifest reg/m.bin (No space left on device)");
  }

  @Test
  public void shouldShowTheCauseOfAnUncheckedIoFailureWithoutASentence() {
    assertThat(ErrorHandler.describe(new UncheckedIOException(new IOException("disk full"))))
        .isEqualTo("disk full");
    assertThat(
            ErrorHandler.describe(new UncheckedIOException(new NoSuchFileException("runs/x.json"))))
        .isEqualTo("no such file: runs/x.json");
  }
}
