package io.maid.goose.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.maid.goose.fixtures.violations.adapter.alpha.AlphaLeansOnBeta;
import io.maid.goose.fixtures.violations.adapter.beta.BetaThing;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule must be able to fail: the deliberately violating classes under
 * {@code io.maid.goose.fixtures.violations} (test sources only) are analysed with the same rules,
 * re-targeted at the fixture packages, and every rule must report them.
 */
class ArchitectureRulesBiteTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.maid.goose.domain", "io.maid.goose.engine", "io.maid.goose.ports");

    @Test
    void domainRuleReportsADomainClassThatUsesAnEngineClass() {
        JavaClasses leaky = new ClassFileImporter().importClasses(io.maid.goose.domain.LeakyDomainFixture.class,
                io.maid.goose.engine.GooseEngine.class);
        assertViolation(ArchitectureRules.DOMAIN_IS_PURE, leaky, "LeakyDomainFixture");
    }

    @Test
    void adapterIndependenceRuleReportsOneAdapterUsingAnother() {
        JavaClasses classes = new ClassFileImporter().importClasses(AlphaLeansOnBeta.class, BetaThing.class);
        ArchRule rule = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("io.maid.goose.fixtures.violations.adapter.(*)..").should().notDependOnEachOther();
        assertViolation(rule, classes, "AlphaLeansOnBeta");
    }

    @Test
    void moduleSlicesKeepTwoDriverAdaptersApartAlthoughTheyShareAPackagePrefix() {
        JavaClasses classes = new ClassFileImporter().importClasses(
                io.maid.goose.adapter.driver.lean.LeanTransport.class,
                io.maid.goose.adapter.driver.httpclient5.HttpClient5Transport.class,
                io.maid.goose.domain.RunConfig.class);
        var assignment = Modules.adapterModules();
        var lean = assignment.getIdentifierOf(classes.get(io.maid.goose.adapter.driver.lean.LeanTransport.class));
        var client = assignment.getIdentifierOf(classes.get(io.maid.goose.adapter.driver.httpclient5.HttpClient5Transport.class));
        assertEquals(com.tngtech.archunit.library.dependencies.SliceIdentifier.of("adapter-driver-lean"), lean);
        assertEquals(com.tngtech.archunit.library.dependencies.SliceIdentifier.of("adapter-driver-httpclient5"), client);
        assertEquals(com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore(),
                assignment.getIdentifierOf(classes.get(io.maid.goose.domain.RunConfig.class)));
    }

    @Test
    void packageRootRuleReportsAClassOutsideItsModulesPackages() {
        // The fixtures are compiled in module app, but live outside io.maid.goose.app.
        JavaClasses classes = new ClassFileImporter().importClasses(AlphaLeansOnBeta.class, ArchitectureRulesBiteTest.class);
        assertViolation(ArchitectureRules.PACKAGES_START_WITH_THE_MODULE_NAME, classes, "AlphaLeansOnBeta");
        EvaluationResult result = ArchitectureRules.PACKAGES_START_WITH_THE_MODULE_NAME.evaluate(classes);
        assertFalse(result.getFailureReport().toString().contains("ArchitectureRulesBiteTest"),
                "a class under io.maid.goose.app is in the right place: " + result.getFailureReport());
    }

    @Test
    void everyModuleOfTheBuildIsFoundSoTheModuleRulesAreNotVacuous() throws java.io.IOException {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", "pom.xml"));
        java.util.Set<String> modules = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1));
        }
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.maid.goose");
        java.util.Set<String> found = new java.util.TreeSet<>();
        all.forEach(c -> Modules.moduleOf(c).ifPresent(found::add));
        assertEquals(modules, found, "every module's production classes are analysed, and attributed to it");
    }

    @Test
    void packageRootIsTheModuleNameWithDashesAsDots() {
        assertEquals("io.maid.goose.adapter.driver.lean", Modules.packageRoot("adapter-driver-lean"));
        assertEquals("io.maid.goose.ports", Modules.packageRoot("goose-ports"));
        assertEquals("io.maid.goose.app", Modules.packageRoot("app"));
        assertEquals(java.util.Optional.of("adapter-http-helidon"), Modules.moduleOf(java.net.URI.create(
                "jar:file:/root/.m2/repository/io/maid/goose/adapter-http-helidon/0.1.0-SNAPSHOT/adapter-http-helidon-0.1.0-SNAPSHOT.jar!/io/maid/goose/X.class")));
        assertEquals(java.util.Optional.of("support-http"), Modules.moduleOf(java.net.URI.create(
                "file:/work/main/support-http/target/classes/io/maid/goose/support/http/X.class")));
    }

    @Test
    void outPortNamingRuleReportsATechnologyNamedPort() {
        JavaClasses classes = new ClassFileImporter().importClasses(io.maid.goose.ports.out.SqliteStorePortFixture.class);
        assertViolation(ArchitectureRules.OUT_PORTS_NAMED_BY_ROLE, classes, "SqliteStorePortFixture");
    }

    @Test
    void onlyAppRuleReportsAPortThatReachesIntoTheEngine() {
        JavaClasses classes = new ClassFileImporter().importClasses(io.maid.goose.ports.in.EngineLeakFixture.class,
                io.maid.goose.engine.GooseEngine.class);
        assertViolation(ArchitectureRules.ONLY_APP_TOUCHES_ENGINE, classes, "EngineLeakFixture");
        assertViolation(ArchitectureRules.PORTS_ONLY_USE_DOMAIN, classes, "EngineLeakFixture");
    }

    @Test
    void supportRuleReportsASupportLibraryThatReachesIntoAnAdapter() {
        JavaClasses classes = new ClassFileImporter().importClasses(io.maid.goose.support.http.AdapterLeakFixture.class,
                BetaThing.class);
        assertViolation(ArchitectureRules.SUPPORT_IS_A_LEAF_LIBRARY, classes, "AdapterLeakFixture");
    }

    @Test
    void theRealCoreHasNoViolationsUnderTheSameRules() {
        assertFalse(ArchitectureRules.DOMAIN_IS_PURE.evaluate(PRODUCTION).hasViolation());
        assertFalse(ArchitectureRules.PORTS_ONLY_USE_DOMAIN.evaluate(PRODUCTION).hasViolation());
    }

    private static void assertViolation(ArchRule rule, JavaClasses classes, String offender) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), "rule should have reported " + offender + ": " + rule.getDescription());
        assertTrue(result.getFailureReport().toString().contains(offender),
                "the report should name " + offender + " but was: " + result.getFailureReport());
    }
}
