package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.maid.goose.adapter.config.json.Documents.pointers;
import static io.maid.goose.adapter.config.json.Documents.exampleConfig;
import static io.maid.goose.adapter.config.json.Documents.exampleWith;
import static io.maid.goose.adapter.config.json.Documents.valid;
import static io.maid.goose.adapter.config.json.Documents.violations;
import static io.maid.goose.adapter.config.json.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unknown properties are violations at their own pointer, at every depth, except inside plugin_hints. */
class UnknownPropertyTest {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    @ParameterizedTest
    @ValueSource(strings = {
            "/colour",
            "/duration/minutes",
            "/scenarios/0/colour",
            "/scenarios/0/transactions/0/colour",
            "/scenarios/0/transactions/0/request/colour",
            "/scenarios/0/transactions/0/request/headers/0/colour",
            "/reports/colour",
            "/tls/colour"})
    void anUnknownPropertyIsReportedAtItsOwnPointer(String pointer) {
        JsonNode doc = with(exampleConfig(), "/scenarios/0/transactions/0/request/headers", "[{\"name\":\"A\",\"value\":\"b\"}]");
        with(doc, "/tls", "{}");

        assertEquals(List.of(pointer), pointers(codec.decode(with(doc, pointer, "\"blue\"").toString())));
    }

    @Test
    void anUnknownPropertyMessageListsTheAllowedOnes() {
        String message = violations(codec.decode(exampleWith("/scenarios/0/colour", "1"))).get(0).message();

        assertEquals("colour: is not a known property; allowed here: name, weight, on_start, transactions, on_stop, on_failure", message);
    }

    @ParameterizedTest
    @CsvSource({
            "/think_time_secs, think_time_seconds",
            "/thinkTimeSeconds, think_time_seconds",
            "/think_time, think_time_seconds",
            "/usres, users",
            "/hatch-rate, hatch_rate",
            "/target, target_base_url",
            "/scenarios/0/wieght, weight",
            "/scenarios/0/transactions/0/request/metod, method",
            "/scenarios/0/transactions/0/request/expected_status, expect_status",
            "/reports/format, formats"})
    void aMisspeltPropertyIsAnsweredWithTheClosestKnownName(String pointer, String meant) {
        List<ConfigViolation> violations = violations(codec.decode(exampleWith(pointer, "1")));

        assertEquals(List.of(pointer), violations.stream().map(ConfigViolation::pointer).toList());
        assertTrue(violations.get(0).message().contains("is not a known property; did you mean `" + meant + "`?"),
                violations.get(0).message());
    }

    @Test
    void aHintStillListsWhatIsAllowed() {
        String message = violations(codec.decode(exampleWith("/scenarios/0/wieght", "1"))).get(0).message();

        assertEquals("wieght: is not a known property; did you mean `weight`? Allowed here: name, weight, on_start, transactions, on_stop, on_failure", message);
    }

    @Test
    void aMisspeltPropertyInARequestBodyIsHintedAtItsPointerBelowConfig() {
        ConfigViolation violation = violations(codec.decodeRequest("{\"config\": " + exampleWith("/usres", "1") + "}")).get(0);

        assertEquals("/config/usres", violation.pointer());
        assertTrue(violation.message().contains("did you mean `users`?"), violation.message());
    }

    @Test
    void aMisspeltEnvelopePropertyIsHintedToo() {
        List<ConfigViolation> violations = violations(codec.decodeRequest("{\"confg\": {}}"));
        ConfigViolation violation = violations.get(1);

        assertEquals(List.of("/config", "/confg"), violations.stream().map(ConfigViolation::pointer).toList());
        assertTrue(violation.message().contains("did you mean `config`?"), violation.message());
    }

    @Test
    void maxHistoryIsRefusedWithWhereTheServiceSettingLives() {
        ConfigViolation violation = violations(codec.decode(exampleWith("/max_history", "100"))).get(0);

        assertEquals("/max_history", violation.pointer());
        assertEquals("max_history: is a service setting, not part of a run config; set persistence.max_history in the"
                + " service's config.json (or the environment variable MAID__PERSISTENCE__MAX_HISTORY)", violation.message());
    }

    static Stream<Arguments> requestBodiesWithMaxHistory() {
        return Stream.of(
                Arguments.of("{\"config\": " + exampleWith("/max_history", "5") + "}", "/config/max_history"),
                Arguments.of("{\"config\": " + exampleConfig() + ", \"max_history\": 5}", "/max_history"));
    }

    @ParameterizedTest
    @MethodSource("requestBodiesWithMaxHistory")
    void maxHistoryInARequestBodyIsRefusedAtItsPointerWithWhereItBelongs(String body, String pointer) {
        ConfigViolation violation = violations(codec.decodeRequest(body)).get(0);

        assertEquals(pointer, violation.pointer());
        assertTrue(violation.message().contains("persistence.max_history"), violation.message());
    }

    @Test
    void twoUnknownPropertiesOfOneObjectAreBothReported() {
        JsonNode doc = with(with(exampleConfig(), "/colour", "1"), "/size", "2");

        assertEquals(List.of("/colour", "/size"), pointers(codec.decode(doc.toString())));
    }

    @Test
    void anUnknownPropertyNameIsEscapedInThePointer() {
        assertEquals(List.of("/a~1b~0c"), pointers(codec.decode(exampleWith("/a~1b~0c", "1"))));
    }

    @Test
    void aMissingAndAnUnknownPropertyAreBothReported() {
        JsonNode doc = with(with(exampleConfig(), "/users", Documents.REMOVE), "/userz", "200");

        assertEquals(List.of("/users", "/userz"), pointers(codec.decode(doc.toString())));
    }

    @Test
    void unknownPluginHintsAreKeptAsExtras() {
        String json = exampleWith("/plugin_hints/owner", "{\"team\":\"perf\",\"ids\":[1,99999999999999999999],\"ratio\":0.25,\"on\":true,\"none\":null}");

        RunConfig config = valid(codec.decode(json));

        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("team", "perf");
        owner.put("ids", List.of(1, new BigInteger("99999999999999999999")));
        owner.put("ratio", 0.25);
        owner.put("on", true);
        owner.put("none", null);
        assertEquals(Map.of("owner", owner), config.pluginHints().extra());
    }
}
