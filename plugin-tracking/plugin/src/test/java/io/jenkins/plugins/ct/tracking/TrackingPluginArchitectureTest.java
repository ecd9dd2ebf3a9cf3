package io.jenkins.plugins.ct.tracking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.Test;

/** Jenkins types stay in the glue; the bundled model jars never see the glue or Jenkins. */
public class TrackingPluginArchitectureTest {
  private static final String GLUE = "io.jenkins.plugins.ct..";
  private static final String[] JENKINS = {
    "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "org.jvnet.hudson.."
  };

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.ctsuite", "io.jenkins.plugins.ct");

  @Test
  public void shouldKeepJenkinsTypesInTheGluePackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage(GLUE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JENKINS)
        .check(CLASSES);
  }

  @Test
  public void shouldKeepTheModelIndependentOfThePlugin() {
    noClasses()
        .that()
        .resideInAPackage("io.ctsuite..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(GLUE)
        .check(CLASSES);
  }
}
