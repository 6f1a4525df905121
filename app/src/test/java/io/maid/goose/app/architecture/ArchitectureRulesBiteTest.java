package io.maid.goose.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.maid.goose.fixtures.violations.adapter.alpha.AlphaLeansOnBeta;
import io.maid.goose.fixtures.violations.adapter.beta.BetaThing;
import org.junit.jupiter.api.Test;

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
            .importPackages("io.maid.goose.domain", "io.maid.goose.engine", "io.maid.goose.port");

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
    void outPortNamingRuleReportsATechnologyNamedPort() {
        JavaClasses classes = new ClassFileImporter().importClasses(io.maid.goose.port.out.SqliteStorePortFixture.class);
        assertViolation(ArchitectureRules.OUT_PORTS_NAMED_BY_ROLE, classes, "SqliteStorePortFixture");
    }

    @Test
    void onlyAppRuleReportsAPortThatReachesIntoTheEngine() {
        JavaClasses classes = new ClassFileImporter().importClasses(io.maid.goose.port.in.EngineLeakFixture.class,
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
