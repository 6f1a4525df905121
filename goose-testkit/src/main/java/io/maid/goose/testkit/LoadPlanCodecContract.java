package io.maid.goose.testkit;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.RunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.maid.goose.testkit.ConfigDocuments.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The load-plan part of the {@link RunConfigCodec} contract (issue 13's wire format): {@code load.stages} and
 * {@code load.arrival} instead of the shorthand, never beside it, every bad input at its pointer.
 * {@link RunConfigCodecContract} extends it, so every codec is held to it.
 */
public abstract class LoadPlanCodecContract extends FlowCodecContract {
    private static final String SCENARIOS = """
            "scenarios": [{"name": "browse", "transactions": [{"name": "home", "request": {"method": "GET", "path": "/"}}]}]""";
    static final String STAGED = "{\"target_base_url\": \"http://127.0.0.1:8080\", \"load\": {\"stages\": ["
            + "{\"users\": 50, \"over_seconds\": 10}, {\"users\": 50, \"over_seconds\": 60},"
            + " {\"users\": 200, \"over_seconds\": 5}, {\"users\": 0, \"over_seconds\": 10}]}, " + SCENARIOS + "}";
    static final String OPEN = "{\"target_base_url\": \"http://127.0.0.1:8080\", \"load\": {\"arrival\": {"
            + "\"start_rate_per_second\": 200, \"stages\": [{\"rate_per_second\": 200, \"over_seconds\": 30},"
            + " {\"rate_per_second\": 0, \"over_seconds\": 5}], \"pre_allocated_users\": 50, \"max_users\": 2000}}, "
            + SCENARIOS + "}";

    /** A staged and an open config, for round trips. */
    public static List<RunConfig> plannedConfigs() {
        RunConfig.Builder base = RunConfig.builder("http://127.0.0.1:8080").get("home", "/");
        return List.of(base.load(new LoadPlan.Stages(List.of(new LoadPlan.Stage(3, 2), new LoadPlan.Stage(3, 5),
                        new LoadPlan.Stage(0, 0)))).build(),
                base.load(new LoadPlan.Arrival(12.5, List.of(new LoadPlan.RateStage(100, 10), new LoadPlan.RateStage(0.5, 3)),
                        5, 40)).build());
    }

    @Test
    void theIssuesStagedPlanDecodes() {
        RunConfig config = valid(codec().decode(STAGED));

        assertEquals(new LoadPlan.Stages(List.of(new LoadPlan.Stage(50, 10), new LoadPlan.Stage(50, 60),
                new LoadPlan.Stage(200, 5), new LoadPlan.Stage(0, 10))), config.load());
        assertEquals(200, config.users());
    }

    @Test
    void theIssuesOpenPlanDecodes() {
        RunConfig config = valid(codec().decode(OPEN));

        assertEquals(new LoadPlan.Arrival(200, List.of(new LoadPlan.RateStage(200, 30), new LoadPlan.RateStage(0, 5)),
                50, 2000), config.load());
    }

    @Test
    void anOpenPlansStartRateAndPreAllocatedUsersDefaultToZero() {
        String json = ConfigDocuments.with(ConfigDocuments.with(ConfigDocuments.tree(OPEN),
                "/load/arrival/start_rate_per_second", ConfigDocuments.REMOVE), "/load/arrival/pre_allocated_users",
                ConfigDocuments.REMOVE).toString();

        LoadPlan.Arrival plan = (LoadPlan.Arrival) valid(codec().decode(json)).load();

        assertEquals(0, plan.startRatePerSecond());
        assertEquals(0, plan.preAllocatedUsers());
    }

    @Test
    void plannedConfigsSurviveARoundTrip() {
        for (RunConfig config : plannedConfigs()) {
            assertEquals(config, valid(codec().decode(codec().encode(config))));
        }
    }

    @Test
    void anEncodedPlannedConfigHasNoShorthandFields() {
        for (RunConfig config : plannedConfigs()) {
            com.fasterxml.jackson.databind.JsonNode tree = ConfigDocuments.tree(codec().encode(config));
            assertTrue(tree.has("load") && !tree.has("users") && !tree.has("hatch_rate") && !tree.has("duration"),
                    tree::toString);
        }
    }

    static Stream<Arguments> badLoads() {
        return Stream.of(
                arguments("load with users", STAGED, "/users", "5", "/users"),
                arguments("load with hatch_rate", STAGED, "/hatch_rate", "1", "/hatch_rate"),
                arguments("load with duration", OPEN, "/duration", "{\"seconds\": 10}", "/duration"),
                arguments("empty stages", STAGED, "/load/stages", "[]", "/load/stages"),
                arguments("negative users", STAGED, "/load/stages/1/users", "-1", "/load/stages/1/users"),
                arguments("over_seconds 0 mid-plan", STAGED, "/load/stages/1/over_seconds", "0", "/load/stages/1/over_seconds"),
                arguments("over_seconds negative", STAGED, "/load/stages/3/over_seconds", "-1", "/load/stages/3/over_seconds"),
                arguments("stage without users", STAGED, "/load/stages/0/users", ConfigDocuments.REMOVE, "/load/stages/0/users"),
                arguments("unknown stage property", STAGED, "/load/stages/0/ramp", "1", "/load/stages/0/ramp"),
                arguments("unknown load property", STAGED, "/load/shape", "1", "/load/shape"),
                arguments("empty rate stages", OPEN, "/load/arrival/stages", "[]", "/load/arrival/stages"),
                arguments("negative rate", OPEN, "/load/arrival/stages/0/rate_per_second", "-5",
                        "/load/arrival/stages/0/rate_per_second"),
                arguments("negative start rate", OPEN, "/load/arrival/start_rate_per_second", "-1",
                        "/load/arrival/start_rate_per_second"),
                arguments("rate over_seconds 0 mid-plan", OPEN, "/load/arrival/stages/0/over_seconds", "0",
                        "/load/arrival/stages/0/over_seconds"),
                arguments("max_users below pre_allocated_users", OPEN, "/load/arrival/max_users", "10",
                        "/load/arrival/max_users"),
                arguments("max_users missing", OPEN, "/load/arrival/max_users", ConfigDocuments.REMOVE,
                        "/load/arrival/max_users"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLoads")
    void aBadLoadIsAViolationAtItsPointer(String rule, String document, String pointer, String value, String expected) {
        List<ConfigViolation> violations = violations(codec().decode(
                ConfigDocuments.with(ConfigDocuments.tree(document), pointer, value).toString()));

        assertTrue(violations.stream().map(ConfigViolation::pointer).toList().contains(expected), () -> rule + ": " + violations);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLoads")
    void aBadLoadInARequestBodyIsAViolationBelowConfig(String rule, String document, String pointer, String value,
                                                       String expected) {
        List<ConfigViolation> violations = violations(codec().decodeRequest("{\"config\": "
                + ConfigDocuments.with(ConfigDocuments.tree(document), pointer, value) + "}"));

        assertTrue(violations.stream().map(ConfigViolation::pointer).toList().contains("/config" + expected),
                () -> rule + ": " + violations);
    }
}
