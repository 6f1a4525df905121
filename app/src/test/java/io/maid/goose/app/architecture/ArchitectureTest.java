package io.maid.goose.app.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The real production classes of every module obey the hexagon. */
@AnalyzeClasses(packages = "io.maid.goose", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule domain_is_pure = ArchitectureRules.DOMAIN_IS_PURE;
    @ArchTest
    static final ArchRule ports_only_use_domain = ArchitectureRules.PORTS_ONLY_USE_DOMAIN;
    @ArchTest
    static final ArchRule engine_uses_core_and_hdrhistogram_only = ArchitectureRules.ENGINE_USES_CORE_AND_HDR_ONLY;
    @ArchTest
    static final ArchRule adapters_use_only_domain_and_ports = ArchitectureRules.ADAPTERS_USE_ONLY_DOMAIN_AND_PORTS_OF_THE_CORE;
    @ArchTest
    static final ArchRule adapters_are_independent = ArchitectureRules.ADAPTERS_ARE_INDEPENDENT;
    @ArchTest
    static final ArchRule only_app_touches_adapters = ArchitectureRules.ONLY_APP_TOUCHES_ADAPTERS;
    @ArchTest
    static final ArchRule only_app_touches_engine = ArchitectureRules.ONLY_APP_TOUCHES_ENGINE;
    @ArchTest
    static final ArchRule out_ports_are_named_by_role = ArchitectureRules.OUT_PORTS_NAMED_BY_ROLE;
    @ArchTest
    static final ArchRule packages_start_with_the_module_name = ArchitectureRules.PACKAGES_START_WITH_THE_MODULE_NAME;
    @ArchTest
    static final ArchRule support_is_a_leaf_library = ArchitectureRules.SUPPORT_IS_A_LEAF_LIBRARY;
}
