package io.ctsuite.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PythonRuntimeTest {

  @Test
  public void shouldUseThePythonNamedByCtPython() {
    assertThat(PythonRuntime.locate(Map.of("CT_PYTHON", "/opt/py/bin/python")).executable())
        .isEqualTo("/opt/py/bin/python");
  }

  @Test
  public void shouldRunScriptsUnbuffered() {
    assertThat(new PythonRuntime("python3").command(Path.of("train.py"), List.of("--epochs", "3")))
        .containsExactly("python3", "-u", "train.py", "--epochs", "3");
  }

  @Test
  public void shouldExplainHowToInstallWhenThePythonCannotStart() {
    PythonRuntime missing = new PythonRuntime("/nonexistent/python3");

    assertThatThrownBy(missing::checkPackages)
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("cannot start Python (/nonexistent/python3)")
        .hasMessageContaining("bash .ci/setup.sh")
        .hasMessageContaining("CT_PYTHON");
  }

  @Test
  public void shouldNameTheMissingPackage() {
    // `false` starts, prints nothing and fails: what a Python without torch looks like from here
    PythonRuntime withoutTorch = new PythonRuntime("false");

    assertThatThrownBy(withoutTorch::checkPackages)
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("false lacks what the example needs (exit code 1)")
        .hasMessageContaining("python3-torch");
  }
}
