package dev.hostpolicy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of DESIGN.md, defined once here and applied to the main classes of every
 * module (this module's test class path holds all of them). Each rule fails on an empty import
 * (ArchUnit's default), and {@link #everyModuleWasImported()} checks each module contributed classes.
 */
class ArchitectureTest {
  private static final String API = "dev.hostpolicy.api..";
  private static final String CORE = "dev.hostpolicy.core..";
  private static final String HTTP = "dev.hostpolicy.http..";
  private static final String PROCESS = "dev.hostpolicy.process..";
  private static final String TESTKIT = "dev.hostpolicy.testkit..";
  private static final String CLI = "dev.hostpolicy.cli..";

  /** The least number of main classes (package-info included) each module must contribute. */
  private static final Map<String, Integer> MINIMUM_CLASSES =
      Map.of(API, 12, CORE, 15, HTTP, 1, PROCESS, 1, TESTKIT, 8, CLI, 8);

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.hostpolicy");
  }

  @Test
  void everyModuleWasImported() {
    MINIMUM_CLASSES.forEach((pkg, min) -> {
      long n = classes.stream().filter(c -> c.getPackageName().startsWith(pkg.replace("..", ""))).count();
      assertThat(n).as("main classes imported from %s", pkg).isGreaterThanOrEqualTo(min);
    });
  }

  @Test
  void apiDependsOnNothingButTheJdk() {
    classes().that().resideInAPackage(API)
        .should().onlyDependOnClassesThat().resideInAnyPackage(API, "java..", "javax..", "")
        .check(classes);
  }

  @Test
  void dependencyDirection() {
    rule(CORE, HTTP, PROCESS, TESTKIT, CLI).check(classes);
    rule(HTTP, PROCESS, TESTKIT, CLI).check(classes);
    rule(PROCESS, TESTKIT, CLI).check(classes);
    rule(TESTKIT, HTTP, PROCESS, CLI).check(classes);
    noClasses().that().resideOutsideOfPackage(CLI).should().dependOnClassesThat().resideInAPackage(CLI).check(classes);
    noClasses().that().resideOutsideOfPackage(TESTKIT).should().dependOnClassesThat().resideInAPackage(TESTKIT).check(classes);
  }

  private static ArchRule rule(String from, String... forbidden) {
    return noClasses().that().resideInAPackage(from).should().dependOnClassesThat().resideInAnyPackage(forbidden)
        .because(from + " must not depend on " + String.join(", ", forbidden) + " (DESIGN.md dependency direction)");
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.hostpolicy.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void libraryModulesNeverPrint() {
    noClasses().that().resideOutsideOfPackage(CLI)
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethodWhere(DescribedPredicate.describe("printStackTrace",
            call -> call.getTarget().getName().equals("printStackTrace")))
        .because("library modules log through System.Logger; only policy-cli prints")
        .check(classes);
  }

  @Test
  void noNonCryptographicRandomness() {
    noClasses().that().resideOutsideOfPackage(TESTKIT)
        .should().dependOnClassesThat().belongToAnyOf(Random.class, ThreadLocalRandom.class, SplittableRandom.class)
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(StrictMath.class, "random")
        .because("security code uses SecureRandom (the test kit's generators are exempt)")
        .check(classes);
  }

  @Test
  void noJavaUtilLogging() {
    noClasses().that().doNotHaveFullyQualifiedName("dev.hostpolicy.cli.CliLogging")
        .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
        .because("library code logs through System.Logger, which bridges to the host's logging "
            + "(only the CLI application configures its own process's backend, in CliLogging)")
        .check(classes);
  }

  @Test
  void publicNonSpiClassesAreFinal() {
    classes().that().arePublic()
        .and().areNotInterfaces().and().areNotEnums().and().areNotAnnotations()
        .and().resideOutsideOfPackage("..spi..")
        .and(DescribedPredicate.describe("not a documented extension point",
            (JavaClass c) -> !c.getName().equals("dev.hostpolicy.api.PolicyViolationException")))
        .should().haveModifier(JavaModifier.FINAL)
        .check(classes);
  }

  @Test
  void internalPackagesStayInTheirModule() {
    for (String module : new String[] {API, CORE, HTTP, PROCESS, TESTKIT, CLI}) {
      String root = module.replace("..", "");
      noClasses().that().resideOutsideOfPackage(module)
          .should().dependOnClassesThat().resideInAPackage(root + ".internal..")
          .allowEmptyShould(true)
          .check(classes);
    }
  }
}
