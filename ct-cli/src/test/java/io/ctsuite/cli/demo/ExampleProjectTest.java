package io.ctsuite.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ExampleProjectTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void shouldFindTheRepositorysExampleFromAModuleDirectory() {
    ExampleProject example = ExampleProject.locate(null, null, Path.of("."));

    assertThat(example.dir()).endsWith(Path.of("examples", "phase-recognition"));
    assertThat(example.script("train.py")).isRegularFile();
    assertThat(example.gateSpec()).isRegularFile();
    assertThat(example.deployConfig()).isRegularFile();
  }

  @Test
  public void shouldPreferTheDirectoryGivenOnTheCommandLine() throws Exception {
    Path dir = temp.newFolder("my-example").toPath();
    for (String file : new String[] {"generate_data.py", "train.py", "evaluate.py", "gate.yaml"}) {
      Files.writeString(dir.resolve(file), "");
    }

    assertThat(ExampleProject.locate(dir, "/elsewhere", Path.of(".")).dir()).isEqualTo(dir);
  }

  @Test
  public void shouldSayWhatIsMissingInADirectoryThatIsNotTheExample() throws Exception {
    Path dir = temp.newFolder("not-it").toPath();
    Files.writeString(dir.resolve("train.py"), "");

    assertThatThrownBy(() -> ExampleProject.locate(dir, null, Path.of(".")))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("generate_data.py is missing")
        .hasMessageContaining("--example DIR");
  }
}
