package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.maid.goose.adapter.config.json.Documents.pointers;
import static io.maid.goose.adapter.config.json.Documents.exampleConfig;
import static io.maid.goose.adapter.config.json.Documents.exampleWith;
import static io.maid.goose.adapter.config.json.Documents.valid;
import static io.maid.goose.adapter.config.json.Documents.violations;
import static io.maid.goose.adapter.config.json.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

        assertEquals("colour: is not a known property; allowed here: name, weight, transactions", message);
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
