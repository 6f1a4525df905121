package io.maid.goose.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.ConfigViolation;
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
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.maid.goose.testkit.ConfigDocuments.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The behaviour every {@link RunConfigCodec} must show, the real one and any stand-in. Subclass it once per
 * implementation and return the codec from {@link #codec()}.
 *
 * <p>What it holds a codec to: {@code decode(encode(c))} equals {@code c} for a config that sets every
 * field; each broken rule and each unknown property is a violation at its own RFC 6901 pointer (below
 * {@code /config} for {@link RunConfigCodec#decodeRequest}); no input makes decoding throw; the schema is
 * a draft-07 JSON object. How a violation is worded is left to the codec; only that it says something.
 */
public abstract class RunConfigCodecContract extends LoadPlanCodecContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TX0 = "/scenarios/0/transactions/0";
    private static final String REQ0 = TX0 + "/request";
    private static final String REMOVE = ConfigDocuments.REMOVE;
    private static final String BASE = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 5, "hatch_rate": 2, "duration": {"seconds": 10},
             "scenarios": [
               {"name": "browse", "transactions": [{"name": "home", "request": {"method": "GET", "path": "/"}}]},
               {"name": "buy", "transactions": [{"name": "pay", "request": {"method": "POST", "path": "/pay"}}]}]}""";

    /**
     * A config that sets every field, most of them to something other than their default, flows included
     * ({@link #richFlowScenario()}, {@link #richData()}).
     */
    public static RunConfig richConfig() {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("team", "perf");
        owner.put("ids", List.of(1, 2, 3));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("owner", owner);
        extra.put("ratio", 0.1);
        extra.put("big", new BigInteger("123456789012345678901234"));
        extra.put("flag", false);
        extra.put("none", null);
        extra.put("mixed", Arrays.asList("x", 1, null, List.of()));
        RequestSpec list = new RequestSpec(HttpMethod.GET, "/items",
                List.of(new NameValue("Accept", "application/json"), new NameValue("X-Empty", "")),
                List.of(new NameValue("q", "red shoes & socks"), new NameValue("q", "2")), null, true, List.of());
        RequestSpec create = new RequestSpec(HttpMethod.POST, "/items",
                List.of(new NameValue("Content-Type", "application/json")), List.of(),
                "{\"name\":\"socks\",\"price\":4.5}\n", false, List.of(200, 201, 409));
        RequestSpec purge = new RequestSpec(HttpMethod.DELETE, "/items/caf\u00e9", List.of(), List.of(), "", false, List.of(204));
        return new RunConfig(URI.create("http://127.0.0.1:8080/base"), 1234, 12.5, new RunDuration(90), ThinkTime.between(0.25, 1.5),
                List.of(new Scenario("browse", 3, List.of(new Transaction("list", 2, list), new Transaction("create", 1, create))),
                        new Scenario("admin", 1, List.of(new Transaction("purge", 5, purge))), richFlowScenario()),
                SchedulerKind.RANDOM, new ReportsSpec(List.of(ReportFormat.HTML, ReportFormat.JSON)),
                new PluginHints(List.of("staging", "rest"), "Shoppers browse and some buy", extra),
                new TlsSpec(false, "/etc/ssl/certs/internal-ca.pem"), 2.5, 1200.5, 1_048_576, richData(), 65_536);
    }

    @Test
    void aRichConfigSurvivesARoundTrip() {
        RunConfig config = richConfig();

        assertEquals(config, valid(codec().decode(codec().encode(config))));
    }

    @Test
    void aConfigWithEveryDefaultSurvivesARoundTrip() {
        RunConfig config = RunConfig.builder("https://target.example").get("home", "/").build();

        assertEquals(config, valid(codec().decode(codec().encode(config))));
    }

    @Test
    void anEncodedConfigWrappedAsARequestBodyDecodesToTheSameConfig() {
        RunConfig config = richConfig();

        assertEquals(config, valid(codec().decodeRequest("{\"config\": " + codec().encode(config) + "}")));
    }

    @Test
    void omittedOptionalFieldsTakeTheirDefaults() {
        RunConfig config = valid(codec().decode(BASE));

        assertEquals(1, config.scenarios().get(0).weight());
        assertEquals(1, config.scenarios().get(0).transactions().get(0).weight());
        assertEquals(ThinkTime.NONE, config.thinkTime());
        assertEquals(RunConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS, config.requestTimeoutSeconds());
        assertEquals(SchedulerKind.ROUND_ROBIN, config.scheduler());
        assertEquals(ReportsSpec.all(), config.reports());
        assertEquals(TlsSpec.defaults(), config.tls());
        assertEquals(HttpStep.of(RequestSpec.of(HttpMethod.GET, "/")), config.scenarios().get(0).transactions().get(0).step());
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                arguments("users below 1", "/users", "0", "/users"),
                arguments("users a string", "/users", "\"many\"", "/users"),
                arguments("users fractional", "/users", "2.5", "/users"),
                arguments("users missing", "/users", REMOVE, "/users"),
                arguments("hatch_rate below 0.001", "/hatch_rate", "0.0001", "/hatch_rate"),
                arguments("hatch_rate vanishingly small", "/hatch_rate", "1e-300", "/hatch_rate"),
                arguments("duration missing", "/duration", REMOVE, "/duration"),
                arguments("duration.seconds below 1", "/duration/seconds", "0", "/duration/seconds"),
                arguments("target not http", "/target_base_url", "\"ftp://target.example\"", "/target_base_url"),
                arguments("think time negative", "/think_time_seconds", "-1", "/think_time_seconds"),
                arguments("unknown method", REQ0 + "/method", "\"FETCH\"", REQ0 + "/method"),
                arguments("path without slash", "/scenarios/1/transactions/0/request/path", "\"pay\"",
                        "/scenarios/1/transactions/0/request/path"),
                arguments("expected status below 100", REQ0 + "/expect_status", "[200, 99]", REQ0 + "/expect_status/1"),
                arguments("header without value", REQ0 + "/headers", "[{\"name\": \"Accept\"}]", REQ0 + "/headers/0/value"),
                arguments("duplicate scenario name", "/scenarios/1/name", "\"browse\"", "/scenarios/1/name"),
                arguments("unknown scheduler", "/scheduler", "\"fifo\"", "/scheduler"),
                arguments("unknown report format", "/reports", "{\"formats\": [\"json\", \"pdf\"]}", "/reports/formats/1"),
                arguments("empty ca_bundle", "/tls", "{\"ca_bundle\": \"\"}", "/tls/ca_bundle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void aBrokenRuleIsAViolationAtItsField(String rule, String pointer, String value, String expected) {
        List<ConfigViolation> violations = violations(codec().decode(baseWith(pointer, value)));

        assertTrue(pointers(violations).contains(expected), () -> rule + ": " + violations);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void aBrokenRuleInARequestBodyIsAViolationBelowConfig(String rule, String pointer, String value, String expected) {
        List<ConfigViolation> violations = violations(codec().decodeRequest("{\"config\": " + baseWith(pointer, value) + "}"));

        assertTrue(pointers(violations).contains("/config" + expected), () -> rule + ": " + violations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/colour", "/duration/minutes", "/scenarios/0/colour", TX0 + "/colour", REQ0 + "/colour",
            "/max_history"})
    void anUnknownPropertyIsAViolationAtItsOwnPointer(String pointer) {
        List<ConfigViolation> violations = violations(codec().decode(baseWith(pointer, "1")));

        assertEquals(List.of(pointer), pointers(violations));
    }

    @Test
    void anUnknownPropertyWhoseValueIsAnObjectIsOneViolation() {
        List<ConfigViolation> violations = violations(codec().decode(baseWith("/scenarios/1/colour", "{\"r\": [1, 2]}")));

        assertEquals(List.of("/scenarios/1/colour"), pointers(violations));
    }

    @Test
    void anUnknownPropertyAndABrokenRuleAreBothReported() {
        String json = ConfigDocuments.with(ConfigDocuments.tree(baseWith("/colour", "1")), "/users", "\"many\"").toString();

        List<String> pointers = pointers(violations(codec().decode(json)));

        assertTrue(pointers.containsAll(List.of("/colour", "/users")), pointers::toString);
    }

    @Test
    void unknownPluginHintsAreKeptNotRejected() {
        RunConfig config = valid(codec().decode(baseWith("/plugin_hints", "{\"tags\": [\"a\"], \"owner\": {\"team\": \"perf\"}}")));

        assertEquals(Map.of("owner", Map.of("team", "perf")), config.pluginHints().extra());
        assertEquals(List.of("a"), config.pluginHints().tags());
    }

    @Test
    void aRequestBodyWithoutConfigIsAViolationAtConfig() {
        assertEquals(List.of("/config"), pointers(violations(codec().decodeRequest("{}"))));
    }

    @Test
    void aRequestBodyWithAnotherTopLevelPropertyIsAViolationThere() {
        List<ConfigViolation> violations = violations(codec().decodeRequest("{\"config\": " + BASE + ", \"admin\": true}"));

        assertEquals(List.of("/admin"), pointers(violations));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[]", "42", "null", "\"config\"", "{\"users\": 1} {}", "{\"users\": 1, \"users\": 2}"})
    void aDocumentThatIsNoConfigObjectIsAViolationAtTheRoot(String json) {
        assertTrue(pointers(violations(codec().decode(json))).contains(""), json);
        assertInstanceOf(DecodeResult.Invalid.class, codec().decodeRequest(json), json);
    }

    @Test
    void noDocumentAtAllIsAViolationNotAnException() {
        assertEquals(List.of(""), pointers(violations(codec().decode(null))));
        assertEquals(List.of(""), pointers(violations(codec().decodeRequest(null))));
    }

    @Test
    void theSchemaIsADraft07JsonSchemaOfAnObject() throws Exception {
        JsonNode schema = JSON.readTree(codec().schema());

        assertEquals("http://json-schema.org/draft-07/schema#", schema.path("$schema").asText());
        assertEquals("object", schema.path("type").asText());
    }

    /** The base document with {@code value} (JSON text, or {@link ConfigDocuments#REMOVE}) at {@code pointer}. */
    private static String baseWith(String pointer, String value) {
        return ConfigDocuments.with(ConfigDocuments.tree(BASE), pointer, value).toString();
    }

    private static List<String> pointers(List<ConfigViolation> violations) {
        return violations.stream().map(ConfigViolation::pointer).toList();
    }
}
