package io.ctsuite.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rule every model module obeys: no dependency on Jenkins, so that all behaviour can be used
 * and tested without a controller. Shared through this module's test jar; each model asserts it
 * over its own packages.
 */
public final class JenkinsFreeArchitecture {
  public static final ArchRule NO_JENKINS =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..")
          .because("models are plain Java; Jenkins glue lives in the plugin modules");

  private JenkinsFreeArchitecture() {}

  /** The production classes of the given package and its sub-packages. */
  public static JavaClasses productionClasses(String basePackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(basePackage);
  }
}
