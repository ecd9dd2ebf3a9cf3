package io.ctsuite.gpu;

import io.ctsuite.core.arch.JenkinsFreeArchitecture;
import org.junit.Test;

public class GpuArchitectureTest {
  @Test
  public void shouldNotDependOnJenkins() {
    JenkinsFreeArchitecture.NO_JENKINS.check(
        JenkinsFreeArchitecture.productionClasses("io.ctsuite.gpu"));
  }
}
