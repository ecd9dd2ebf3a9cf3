package io.ctsuite.promotion;

import io.ctsuite.core.arch.JenkinsFreeArchitecture;
import org.junit.Test;

public class PromotionArchitectureTest {
  @Test
  public void shouldNotDependOnJenkins() {
    JenkinsFreeArchitecture.NO_JENKINS.check(
        JenkinsFreeArchitecture.productionClasses("io.ctsuite.promotion"));
  }
}
