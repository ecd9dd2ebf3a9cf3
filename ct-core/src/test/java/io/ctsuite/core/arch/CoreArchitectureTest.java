package io.ctsuite.core.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class CoreArchitectureTest {
  @Test
  public void shouldNotDependOnJenkins() {
    JenkinsFreeArchitecture.NO_JENKINS.check(
        JenkinsFreeArchitecture.productionClasses("io.ctsuite.core"));
  }

  @Test
  public void shouldCatchAClassThatUsesJenkins() {
    // the guard itself must fail on a Jenkins dependency, else it proves nothing
    assertThatThrownBy(
            () ->
                JenkinsFreeArchitecture.NO_JENKINS.check(
                    new com.tngtech.archunit.core.importer.ClassFileImporter()
                        .importClasses(UsesJenkins.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("hudson.model.Run");
  }
}
