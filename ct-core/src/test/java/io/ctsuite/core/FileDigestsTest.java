package io.ctsuite.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileDigestsTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void shouldHashAFileLikeSha256sum() throws Exception {
    Path file = temp.newFile("model.onnx").toPath();
    Files.writeString(file, "test");
    // `printf test | sha256sum`
    assertThat(FileDigests.sha256Hex(file))
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }

  @Test
  public void shouldSayWhenTheFileIsMissing() {
    assertThatThrownBy(() -> FileDigests.sha256Hex(temp.getRoot().toPath().resolve("absent")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
