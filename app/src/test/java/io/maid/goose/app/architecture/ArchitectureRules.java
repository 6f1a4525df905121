package io.maid.goose.app.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon, as rules. Shared by {@link ArchitectureTest} (the real code) and
 * {@link ArchitectureRulesBiteTest} (deliberate violations, to prove each rule can fail).
 */
final class ArchitectureRules {
    static final String DOMAIN = "io.maid.goose.domain..";
    static final String PORTS = "io.maid.goose.ports..";
    static final String ENGINE = "io.maid.goose.engine..";
    static final String ADAPTERS = "io.maid.goose.adapter..";
    static final String APP = "io.maid.goose.app..";
    static final String SUPPORT = "io.maid.goose.support..";

    private ArchitectureRules() {
    }

    static final ArchRule DOMAIN_IS_PURE = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
            .because("the domain is pure records and enums: no frameworks, no ports, no I/O libraries");

    static final ArchRule PORTS_ONLY_USE_DOMAIN = classes().that().resideInAPackage(PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, PORTS)
            .because("ports speak domain types only; no adapter type appears in a port signature");

    static final ArchRule ENGINE_USES_CORE_AND_HDR_ONLY = classes().that().resideInAPackage(ENGINE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, PORTS, ENGINE, "org.HdrHistogram..")
            .because("the engine knows nothing about HTTP clients, servers or storage");

    static final ArchRule ADAPTERS_USE_ONLY_DOMAIN_AND_PORTS_OF_THE_CORE = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, APP)
            .because("adapters plug into ports; only app wires them to the engine");

    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices().assignedFrom(Modules.adapterModules())
            .should().notDependOnEachOther()
            .because("adapters never depend on each other (sliced by the module each class was compiled in)");

    static final ArchRule PACKAGES_START_WITH_THE_MODULE_NAME = classes()
            .should(Modules.resideUnderTheirModulesPackageRoot())
            .because("a module's name says where its code is: adapter-driver-lean is io.maid.goose.adapter.driver.lean");

    static final ArchRule ONLY_APP_TOUCHES_ADAPTERS = noClasses().that().resideOutsideOfPackages(APP, ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .because("app is the only composition root");

    static final ArchRule ONLY_APP_TOUCHES_ENGINE = noClasses().that().resideOutsideOfPackages(APP, ENGINE)
            .should().dependOnClassesThat().resideInAPackage(ENGINE)
            .because("the engine is reached through port.in use cases; only app constructs it");

    static final ArchRule SUPPORT_IS_A_LEAF_LIBRARY = classes().that().resideInAPackage(SUPPORT)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", DOMAIN, SUPPORT)
            .because("support libraries hold what several adapters do alike; they know no port, engine, adapter or app,"
                    + " so sharing them never couples adapters to each other");

    static final ArchRule OUT_PORTS_NAMED_BY_ROLE = classes().that().resideInAPackage("io.maid.goose.ports.out..")
            .and().areInterfaces()
            .should().haveNameNotMatching(".*(Impl|Adapter|Jackson|Helidon|HttpClient|Sqlite|SQLite|Oshi|Pebble|Mistral|Jdbc|Csv)[A-Za-z]*")
            .andShould().haveSimpleNameNotStartingWith("I")
            .because("an out-port is named for the role it plays, not for a technology that fills it");
}
