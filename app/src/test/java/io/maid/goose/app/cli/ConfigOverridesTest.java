package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.ports.out.DecodeResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ConfigOverridesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNumberIsWrittenAsANumberAndAnythingElseAsAString() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("{\"users\": 5, \"hatch_rate\": 1}");

        ConfigOverrides.none().number("--users", "/users", "12").number("--hatch-rate", "/hatch_rate", "fast").applyTo(config);

        assertEquals("{\"users\":12,\"hatch_rate\":\"fast\"}", config.toString());
    }

    @Test
    void aMissingObjectOnTheWayIsCreated() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("{\"users\": 5}");

        ConfigOverrides.none().number("--duration", "/duration/seconds", "90").applyTo(config);

        assertEquals(90, config.at("/duration/seconds").asInt());
    }

    @Test
    void aFlagLeftOutChangesNothing() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("{\"users\": 5}");
        ConfigOverrides overrides = ConfigOverrides.none().number("--users", "/users", null).text("--target", "/target_base_url", null);

        overrides.applyTo(config);

        assertEquals(JSON.readTree("{\"users\": 5}"), config);
        assertEquals(true, overrides.isEmpty());
    }

    @Test
    void onlyTheViolationAtAnOverriddenPointerNamesTheFlag() {
        ConfigOverrides overrides = ConfigOverrides.none().number("--users", "/users", "0");
        DecodeResult result = new DecodeResult.Invalid(List.of(new ConfigViolation("/config/users", "users: too few"),
                new ConfigViolation("/config/hatch_rate", "hatch_rate: too slow")));

        DecodeResult attributed = overrides.attribute(result, "/config");

        assertEquals(List.of(new ConfigViolation("/config/users", "users: too few (the value came from --users)"),
                new ConfigViolation("/config/hatch_rate", "hatch_rate: too slow")), ((DecodeResult.Invalid) attributed).violations());
    }

    @Test
    void aValidResultIsLeftAlone() {
        DecodeResult valid = new DecodeResult.Valid(io.maid.goose.domain.RunConfig.builder("http://127.0.0.1").get("a", "/").build());

        assertSame(valid, ConfigOverrides.none().number("--users", "/users", "3").attribute(valid, ""));
    }
}
