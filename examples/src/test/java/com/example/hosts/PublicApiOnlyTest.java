package com.example.hosts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The example hosts are written as a host would write them: public API and SPI only. */
class PublicApiOnlyTest {
  private static final JavaClasses HOSTS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("com.example.hosts");

  @Test
  void noInternalPackagesNoTestKitNoCli() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "dev.hostpolicy..internal..", "dev.hostpolicy.testkit..", "dev.hostpolicy.cli..")
        .check(HOSTS);
  }

  @Test
  void theHostsDoNotPrint() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(HOSTS);
  }
}
