package io.ctsuite.datasets;

import io.ctsuite.core.arch.JenkinsFreeArchitecture;
import org.junit.Test;

public class DatasetsArchitectureTest {
  @Test
  public void shouldNotDependOnJenkins() {
    JenkinsFreeArchitecture.NO_JENKINS.check(
        JenkinsFreeArchitecture.productionClasses("io.ctsuite.datasets"));
  }
}
