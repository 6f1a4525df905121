package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.testkit.FakeHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.ports.out.PluginUpstreamException;
import io.maid.goose.ports.out.PluginUpstreamException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.maid.goose.testkit.FakeHttpServer.Reply;
import static io.maid.goose.adapter.plugins.mistral.Mistral.CHAT;
import static io.maid.goose.adapter.plugins.mistral.Mistral.KEY;
import static io.maid.goose.adapter.plugins.mistral.Mistral.completion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MistralRunAnalyzerTest {
    private static final String GOOD = """
            {"summary":"The target saturates at 200 users.",
             "bottlenecks":[{"title":"Backend saturation","evidence":"p99 950 ms at t=42","severity":"high"},
                            {"title":"Generator CPU","evidence":"cpu_max 97.5","severity":"Medium"}],
             "recommendations":["Scale the catalogue service","Use a bigger load generator"]}""";

    private final ObjectMapper json = new ObjectMapper();
    private FakeHttpServer mistral;
    private MistralRunAnalyzer analyzer;

    @BeforeEach
    void start() throws Exception {
        mistral = new FakeHttpServer();
        analyzer = new MistralRunAnalyzer(Mistral.settings(mistral.uri()));
    }

    @AfterEach
    void stop() {
        analyzer.close();
        mistral.close();
    }

    private JsonNode digest(int seconds, int keys) throws Exception {
        return json.readTree(analyzer.digestOf(Summaries.run(seconds, keys)));
    }

    @Test
    void digestNamesTheWorstSecondsByP99AndByErrorRate() throws Exception {
        JsonNode worst = digest(120, 3).get("worst_seconds");

        assertEquals(42.0, worst.get("by_p99").get(0).get("elapsed_seconds").asDouble());
        assertEquals(950.0, worst.get("by_p99").get(0).get("latency_p99_ms").asDouble());
        assertEquals(5, worst.get("by_p99").size());
        assertEquals(77.0, worst.get("by_error_rate").get(0).get("elapsed_seconds").asDouble());
        assertEquals(40.0, worst.get("by_error_rate").get(0).get("error_rate").asDouble());
        assertEquals(160, worst.get("by_error_rate").get(0).get("errors").get("unexpected_status").asLong());
    }

    @Test
    void digestCarriesLoadGeneratorCpuAndRamMaxAndMean() throws Exception {
        JsonNode generator = digest(600, 3).get("load_generator");

        assertEquals(97.5, generator.get("cpu_max").asDouble());
        assertEquals(44.6, generator.get("cpu_mean").asDouble(), 0.01);
        assertEquals(63.0, generator.get("ram_max").asDouble());
        assertEquals(62.0, generator.get("ram_mean").asDouble(), 0.01);
        assertEquals(1, generator.get("seconds_cpu_above_85").asInt());
    }

    @Test
    void digestCarriesTotalsErrorsStatusCodesPhasesAndLoadShape() throws Exception {
        JsonNode d = digest(120, 3);

        assertEquals(48_000, d.get("totals").get("count").asLong());
        assertEquals(88.0, d.get("totals").get("p99").asDouble());
        assertEquals(120.0, d.get("totals").get("p99_corrected").asDouble());
        assertEquals(176.0, d.get("totals").get("p999").asDouble());
        assertEquals(168, d.get("errors").get("unexpected_status").asLong());
        assertEquals(170, d.get("status_codes").get("503").asLong());
        assertEquals("maintain", d.get("phases").get(1).get("phase").asText());
        assertEquals(10.0, d.get("phases").get(1).get("start_t").asDouble());
        assertEquals(200, d.get("load").get("users").asInt());
        assertEquals(20.0, d.get("load").get("hatch_rate").asDouble());
        assertEquals(1.5, d.get("load").get("think_time_s").asDouble());
    }

    @Test
    void digestOfAHugeRunStaysUnderEightKilobytesWithTheTwentyBusiestKeys() throws Exception {
        String text = analyzer.digestOf(Summaries.run(1_000, 100));
        JsonNode d = json.readTree(text);

        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= 8_000, "digest is " + text.length() + " bytes");
        assertEquals(20, d.get("requests").size());
        assertEquals(80, d.get("requests_omitted").asInt());
        assertTrue(d.get("requests").get(0).get("name").asText().contains("category-99"), "busiest first");
        assertEquals(1_000, d.get("timeline_seconds").asInt());
    }

    @Test
    void digestDropsRowsRatherThanExceedTheBound() throws Exception {
        var summary = Summaries.run(50, 0);
        var many = new java.util.ArrayList<io.maid.goose.domain.StatsRow>();
        for (int k = 0; k < 40; k++) {
            many.add(Summaries.row("ü".repeat(79) + k, 1_000 + k, 1));
        }
        var wide = new io.maid.goose.domain.RunSummary(summary.runId(), summary.state(), summary.startedAt(), summary.endedAt(),
                summary.durationSeconds(), summary.plannedSeconds(), summary.config(), summary.phases(), many, List.of(), many,
                summary.total(), summary.timeline(), 0, null, null, null);
        String text = analyzer.digestOf(wide);

        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= 8_000, "digest is " + text.getBytes(StandardCharsets.UTF_8).length + " bytes");
        assertTrue(json.readTree(text).get("requests").size() < 20);
    }

    @Test
    void analysisRequestUsesTheAnalysisSchemaAndSendsTheDigest() throws Exception {
        mistral.on(CHAT, completion(GOOD));
        var summary = Summaries.run(120, 3);
        analyzer.analyze(summary);

        JsonNode body = json.readTree(mistral.requests(CHAT).get(0).body());
        JsonNode format = body.get("response_format");
        assertEquals("json_schema", format.get("type").asText());
        assertEquals("goose_run_analysis", format.get("json_schema").get("name").asText());
        JsonNode schema = format.get("json_schema").get("schema");
        assertEquals(List.of("low", "medium", "high", "critical"),
                json.convertValue(schema.at("/properties/bottlenecks/items/properties/severity/enum"), List.class));
        assertFalse(body.has("grammar"));
        assertEquals("goose-model", body.get("model").asText());
        String user = body.get("messages").get(1).get("content").asText();
        assertTrue(user.endsWith(analyzer.digestOf(summary)), user);
        assertTrue(user.contains("\"worst_seconds\"") && user.contains("\"load_generator\""), user);
        assertEquals("Bearer " + KEY, mistral.requests(CHAT).get(0).header("Authorization"));
    }

    @Test
    void validAnswerBecomesTheAnalysis() {
        mistral.on(CHAT, completion(GOOD));
        Analysis analysis = analyzer.analyze(Summaries.run(120, 3));

        assertEquals("The target saturates at 200 users.", analysis.summary());
        assertEquals(List.of(new Bottleneck("Backend saturation", "p99 950 ms at t=42", "high"),
                new Bottleneck("Generator CPU", "cpu_max 97.5", "medium")), analysis.bottlenecks());
        assertEquals(List.of("Scale the catalogue service", "Use a bigger load generator"), analysis.recommendations());
    }

    @Test
    void answerWithNoBottlenecksIsValid() {
        mistral.on(CHAT, completion("{\"summary\":\"Healthy run.\",\"bottlenecks\":[],\"recommendations\":[]}"));
        assertTrue(analyzer.analyze(Summaries.run(30, 1)).bottlenecks().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all",
            "[1,2,3]",
            "{\"bottlenecks\":[],\"recommendations\":[]}",
            "{\"summary\":\"\",\"bottlenecks\":[],\"recommendations\":[]}",
            "{\"summary\":\"s\",\"bottlenecks\":{},\"recommendations\":[]}",
            "{\"summary\":\"s\",\"bottlenecks\":[{\"title\":\"t\",\"evidence\":\"e\",\"severity\":\"urgent\"}],\"recommendations\":[]}",
            "{\"summary\":\"s\",\"bottlenecks\":[{\"title\":\"t\",\"severity\":\"low\"}],\"recommendations\":[]}",
            "{\"summary\":\"s\",\"bottlenecks\":[\"slow\"],\"recommendations\":[]}",
            "{\"summary\":\"s\",\"bottlenecks\":[]}",
            "{\"summary\":\"s\",\"bottlenecks\":[],\"recommendations\":[42]}"
    })
    void malformedAnswerIsABadResponse(String answer) {
        mistral.on(CHAT, completion(answer));
        PluginUpstreamException e = assertThrows(PluginUpstreamException.class, () -> analyzer.analyze(Summaries.run(30, 1)));
        assertEquals(Kind.BAD_RESPONSE, e.kind());
    }

    @Test
    void badSeverityIsNamedInTheMessage() {
        mistral.on(CHAT, completion("{\"summary\":\"s\",\"bottlenecks\":[{\"title\":\"t\",\"evidence\":\"e\",\"severity\":\"urgent\"}],\"recommendations\":[]}"));
        PluginUpstreamException e = assertThrows(PluginUpstreamException.class, () -> analyzer.analyze(Summaries.run(30, 1)));
        assertTrue(e.getMessage().contains("'urgent' at /bottlenecks/0/severity"), e.getMessage());
    }

    @Test
    void truncatedAnswerIsABadResponse() {
        mistral.on(CHAT, completion(GOOD, "length"));
        PluginUpstreamException e = assertThrows(PluginUpstreamException.class, () -> analyzer.analyze(Summaries.run(30, 1)));
        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("finish_reason=length"), e.getMessage());
    }

    @Test
    void analysisIsBoundedByTheAnalysisTimeout() {
        mistral.on(CHAT, new Reply.Hang());
        MistralSettings settings = new MistralSettings(mistral.uri(), KEY, null, null, Duration.ofSeconds(60), Duration.ofMillis(300));
        try (MistralRunAnalyzer quick = new MistralRunAnalyzer(settings)) {
            long start = System.nanoTime();
            PluginUpstreamException e = assertThrows(PluginUpstreamException.class, () -> quick.analyze(Summaries.run(30, 1)));
            assertEquals(Kind.TIMEOUT, e.kind());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
        }
    }

    @Test
    void upstreamErrorDuringAnalysisCarriesTheMessage() {
        mistral.on(CHAT, Reply.json(500, "{\"message\":\"no model loaded\"}"));
        PluginUpstreamException e = assertThrows(PluginUpstreamException.class, () -> analyzer.analyze(Summaries.run(30, 1)));
        assertEquals(Kind.UPSTREAM_ERROR, e.kind());
        assertTrue(e.getMessage().contains("no model loaded"));
    }
}
