package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunDuration;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.domain.Transaction;
import io.maid.goose.testkit.RunConfigCodecContract;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.maid.goose.adapter.config.json.Documents.resource;
import static io.maid.goose.adapter.config.json.Documents.tree;
import static io.maid.goose.adapter.config.json.Documents.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** encode writes the wire format that decode reads back to an equal config. */
class EncodeTest {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    /**
     * The contract's rich config, plus plugin-hint numbers that only an exact codec keeps: a decimal with
     * more digits than a double holds.
     */
    static RunConfig richConfig() {
        RunConfig rich = RunConfigCodecContract.richConfig();
        Map<String, Object> extra = new LinkedHashMap<>(rich.pluginHints().extra());
        extra.put("precise", new BigDecimal("0.1000000000000000000001"));
        PluginHints hints = new PluginHints(rich.pluginHints().tags(), rich.pluginHints().mistralRecipePrompt(), extra);
        return new RunConfig(rich.targetBaseUrl(), rich.users(), rich.hatchRate(), rich.duration(), rich.thinkTime(),
                rich.scenarios(), rich.scheduler(), rich.reports(), hints, rich.tls(), rich.requestTimeoutSeconds(),
                rich.throughputCapRps(), rich.maxResponseBytes(), rich.data(), rich.maxCaptureBytes());
    }

    @Test
    void aRichConfigWithExactDecimalsSurvivesARoundTrip() {
        RunConfig config = richConfig();

        assertEquals(config, valid(codec.decode(codec.encode(config))));
    }

    @Test
    void aBuilderConfigWithDefaultsSurvivesARoundTrip() {
        RunConfig config = RunConfig.builder("https://target.example").users(3).get("home", "/").build();

        assertEquals(config, valid(codec.decode(codec.encode(config))));
    }

    @Test
    void extremeButValidNumbersSurviveARoundTrip() {
        RunConfig config = RunConfig.builder("http://[::1]:8080").users(RunConfig.MAX_USERS).hatchRate(0.001)
                .durationSeconds(86_400).thinkTimeSeconds(3600).requestTimeoutSeconds(1e-9).throughputCapRps(1e7)
                .maxResponseBytes(RunConfig.MAX_RESPONSE_BYTES).reports(new ReportsSpec(List.of())).get("home", "/").build();

        assertEquals(config, valid(codec.decode(codec.encode(config))));
    }

    @Test
    void theSmallestBodyLimitSurvivesARoundTrip() {
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").maxResponseBytes(RunConfig.MIN_RESPONSE_BYTES)
                .get("home", "/").build();

        assertEquals(config, valid(codec.decode(codec.encode(config))));
    }

    @Test
    void encodingIsIdempotentThroughDecode() {
        String once = codec.encode(richConfig());

        assertEquals(once, codec.encode(valid(codec.decode(once))));
    }

    @Test
    void theOutputIsPrettyPrintedWithWholeNumbersWithoutAFraction() {
        String json = codec.encode(valid(codec.decode(resource("api-example-config.json"))));

        assertTrue(json.startsWith("""
                {
                  "target_base_url": "https://target.example",
                  "users": 200,
                  "hatch_rate": 50,
                  "duration": {
                    "seconds": 600
                  },
                  "think_time_seconds": 3,
                """), json);
    }

    @Test
    void propertiesFollowTheOrderOfTheApiExample() {
        JsonNode example = tree(resource("api-example-config.json"));
        JsonNode encoded = tree(codec.encode(valid(codec.decode(example.toString()))));

        assertEquals(List.of("target_base_url", "users", "hatch_rate", "duration", "think_time_seconds", "scenarios",
                "scheduler", "reports", "plugin_hints", "tls", "request_timeout_seconds", "max_response_bytes", "max_capture_bytes",
                "thresholds", "data"), names(encoded));
        assertEquals(names(example), names(encoded).subList(0, names(example).size()));
    }

    @Test
    void defaultsAreWrittenExplicitly() {
        JsonNode encoded = tree(codec.encode(RunConfig.builder("https://target.example").get("home", "/").build()));

        assertEquals("{\"verify\":true}", encoded.get("tls").toString());
        assertEquals(30, encoded.get("request_timeout_seconds").intValue());
        assertEquals(67_108_864L, encoded.get("max_response_bytes").longValue());
        assertEquals("round-robin", encoded.get("scheduler").textValue());
        assertEquals("[\"json\",\"csv\",\"html\"]", encoded.at("/reports/formats").toString());
        assertEquals("{\"tags\":[]}", encoded.get("plugin_hints").toString());
        assertEquals("{\"name\":\"home\",\"weight\":1,\"request\":{\"method\":\"GET\",\"path\":\"/\",\"headers\":[],\"query\":[],\"allow_redirects\":false},"
                        + "\"extract\":[],\"checks\":[]}",
                encoded.at("/scenarios/0/transactions/0").toString());
        assertEquals(1_048_576, encoded.get("max_capture_bytes").intValue());
        assertEquals("[]", encoded.get("data").toString());
        assertEquals("[]", encoded.at("/scenarios/0/on_start").toString());
        assertEquals("[]", encoded.at("/scenarios/0/on_stop").toString());
        assertEquals("continue", encoded.at("/scenarios/0/on_failure").textValue());
    }

    @Test
    void absentOptionalValuesAreLeftOutRatherThanWrittenAsNull() {
        String json = codec.encode(RunConfig.builder("https://target.example").get("home", "/").build());

        assertFalse(json.contains("null"), json);
        for (String optional : List.of("body", "expect_status", "ca_bundle", "throughput_cap_rps", "mistral_recipe_prompt", "feed")) {
            assertFalse(json.contains("\"" + optional + "\""), optional);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
