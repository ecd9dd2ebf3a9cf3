package io.ctsuite.tracking;

import io.ctsuite.core.arch.JenkinsFreeArchitecture;
import org.junit.Test;

public class TrackingArchitectureTest {
  @Test
  public void shouldNotDependOnJenkins() {
    JenkinsFreeArchitecture.NO_JENKINS.check(
        JenkinsFreeArchitecture.productionClasses("io.ctsuite.tracking"));
  }
}
