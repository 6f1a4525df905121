package io.maid.goose.adapter.config.json;

import io.maid.goose.domain.ConfigViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.adapter.config.json.Documents.violations;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the real codec says about a bad load plan: the field, and the rule in words. */
class LoadPlanMessagesTest {
    private static final String SCENARIOS = ", \"scenarios\": [{\"name\": \"s\", \"transactions\": [{\"name\": \"t\","
            + " \"request\": {\"method\": \"GET\", \"path\": \"/\"}}]}]}";
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    private List<ConfigViolation> decode(String load, String extra) {
        return violations(codec.decodeRequest("{\"config\": {\"target_base_url\": \"http://127.0.0.1:8080\", \"load\": "
                + load + extra + SCENARIOS + "}"));
    }

    @Test
    void aShorthandFieldBesideLoadIsRefusedAtThatFieldSayingWhy() {
        List<ConfigViolation> found = decode("{\"stages\": [{\"users\": 5, \"over_seconds\": 5}]}", ", \"users\": 5");

        assertEquals(List.of(new ConfigViolation("/config/users",
                "users: cannot be used together with load; give either users, hatch_rate and duration, or load")), found);
    }

    @Test
    void aMidPlanStageOfZeroSecondsSaysWhenZeroIsAllowed() {
        List<ConfigViolation> found = decode("{\"stages\": [{\"users\": 5, \"over_seconds\": 0}, {\"users\": 0, \"over_seconds\": 5}]}", "");

        assertEquals(List.of(new ConfigViolation("/config/load/stages/0/over_seconds",
                "over_seconds: must be at least 1; 0 is allowed only for a drop to 0 users at the end, was 0")), found);
    }

    @Test
    void maxUsersBelowPreAllocatedUsersNamesBoth() {
        List<ConfigViolation> found = decode("{\"arrival\": {\"stages\": [{\"rate_per_second\": 5, \"over_seconds\": 5}],"
                + " \"pre_allocated_users\": 50, \"max_users\": 10}}", "");

        assertEquals(List.of(new ConfigViolation("/config/load/arrival/max_users",
                "max_users: must be at least pre_allocated_users (50), was 10")), found);
    }

    @Test
    void aLoadWithBothModelsIsRefusedAtLoad() {
        List<ConfigViolation> found = decode("{\"stages\": [{\"users\": 5, \"over_seconds\": 5}], \"arrival\": {\"stages\":"
                + " [{\"rate_per_second\": 5, \"over_seconds\": 5}], \"max_users\": 10}}", "");

        assertEquals(List.of("/config/load"), found.stream().map(ConfigViolation::pointer).toList());
        assertEquals("load: must hold only one of arrival or stages, has 2", found.get(0).message());
    }
}
