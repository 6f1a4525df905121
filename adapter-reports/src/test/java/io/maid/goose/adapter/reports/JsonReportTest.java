package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> METRICS_FIELDS = List.of("timestamp", "cpu_usage", "ram_usage", "throughput_rps",
            "error_rate", "status_codes", "latency_p50_ms", "latency_p90_ms", "latency_p95_ms", "latency_p99_ms",
            "latency_p999_ms", "network_in_kbps", "network_out_kbps", "phase", "elapsed_seconds", "active_users",
            "requests", "failures", "latency_p99_corrected_ms", "errors", "interval_seconds", "latency_max_ms");

    @TempDir
    Path dir;

    private JsonNode write(RunSummary summary, boolean withAnalysis) throws IOException {
        Path folder = Reports.write(dir, summary, withAnalysis ? SampleRuns.analysis() : null);
        return MAPPER.readTree(folder.resolve("report.json").toFile());
    }

    @Test
    void givenASummary_thenTheParsedTotalsEqualTheSummary() throws IOException {
        RunSummary summary = SampleRuns.summary(ReportFormat.JSON);
        JsonNode total = write(summary, false).path("stats").path("total");

        StatsRow expected = summary.total();
        assertEquals(expected.count(), total.path("count").asLong());
        assertEquals(expected.failures(), total.path("failures").asLong());
        assertEquals(expected.rps(), total.path("rps").asDouble(), 1e-9);
        assertEquals(expected.errorRate(), total.path("error_rate").asDouble(), 1e-9);
        assertEquals(expected.latency().p99Ms(), total.path("latency_ms").path("p99").asDouble(), 1e-9);
        assertEquals(expected.corrected().p999Ms(), total.path("corrected_latency_ms").path("p999").asDouble(), 1e-9);
        assertEquals(expected.statusCodes().get(500), total.path("status_codes").path("500").asLong());
        assertEquals(expected.bytesReceived(), total.path("bytes_received").asLong());
    }

    @Test
    void aRunOverHttpsHasItsHandshakeCountAndPercentilesUnderStats() throws IOException {
        JsonNode tls = write(SampleRuns.overHttps(SampleRuns.summary(ReportFormat.JSON)), false).path("stats")
                .path("tls_handshake_ms");

        assertEquals(31, tls.path("count").asLong());
        assertEquals(1.52, tls.path("min").asDouble());
        assertEquals(1.903, tls.path("p50").asDouble());
        assertEquals(4.011, tls.path("p95").asDouble());
        assertEquals(24.607, tls.path("p99").asDouble());
        assertEquals(24.607, tls.path("max").asDouble());
    }

    @Test
    void aRunWithoutHandshakesSaysCountZero() throws IOException {
        JsonNode tls = write(SampleRuns.summary(ReportFormat.JSON), false).path("stats").path("tls_handshake_ms");

        assertEquals(0, tls.path("count").asLong());
        assertEquals(0, tls.path("p99").asDouble());
    }

    @Test
    void aReportWrittenBeforeHandshakesWereKeptReadsBackWithNone() throws IOException {
        RunSummary summary = SampleRuns.overHttps(SampleRuns.summary(ReportFormat.JSON));
        Path file = Reports.write(dir, summary, null).resolve("report.json");
        ObjectNode older = (ObjectNode) MAPPER.readTree(file.toFile());
        ((ObjectNode) older.path("stats")).remove("tls_handshake_ms");
        MAPPER.writeValue(file.toFile(), older);

        RunSummary read = Reports.under(dir).readSummary(summary.runId()).orElseThrow();

        assertEquals(TlsHandshakeStats.NONE, read.tlsHandshakes());
    }

    @Test
    void givenASummary_thenTheTimelineAddsUpToTheTotal() throws IOException {
        RunSummary summary = SampleRuns.summary(ReportFormat.JSON);
        JsonNode timeline = write(summary, false).path("timeline");

        assertEquals(SampleRuns.SECONDS, timeline.size());
        long requests = 0;
        long failures = 0;
        for (JsonNode snapshot : timeline) {
            requests += snapshot.path("requests").asLong();
            failures += snapshot.path("failures").asLong();
        }
        assertEquals(summary.total().count(), requests);
        assertEquals(summary.total().failures(), failures);
    }

    @Test
    void everyTimelineEntryCarriesEveryMetricsEnvelopeField() throws IOException {
        JsonNode timeline = write(SampleRuns.summary(ReportFormat.JSON), false).path("timeline");

        for (JsonNode snapshot : timeline) {
            List<String> missing = new ArrayList<>();
            for (String field : METRICS_FIELDS) {
                if (!snapshot.has(field)) {
                    missing.add(field);
                }
            }
            assertTrue(missing.isEmpty(), "missing " + missing + " in " + snapshot);
        }
        assertEquals("increase", timeline.get(0).path("phase").asText());
        assertEquals("2024-06-15T12:00:01Z", timeline.get(0).path("timestamp").asText());
    }

    @Test
    void anUnknownHostCpuIsNullNotMinusOne() throws IOException {
        JsonNode first = write(SampleRuns.summary(ReportFormat.JSON), false).path("timeline").get(0);

        assertTrue(first.path("cpu_usage").isNull(), first.toString());
        assertEquals(41.5, first.path("ram_usage").asDouble(), 1e-9);
    }

    @Test
    void theRunHeaderStatusCodesErrorsAndHistogramsAreAtTheTopLevel() throws IOException {
        JsonNode root = write(SampleRuns.summary(ReportFormat.JSON), false);

        assertEquals(2, root.path("schema_version").asInt());
        JsonNode run = root.path("run");
        assertEquals(SampleRuns.RUN_ID, run.path("run_id").asText());
        assertEquals("completed", run.path("status").asText());
        assertEquals("2024-06-15T12:00:00Z", run.path("started_at").asText());
        assertEquals(SampleRuns.TARGET, run.path("target").asText());
        assertEquals("random", run.path("scheduler").asText());
        assertEquals(42, run.path("scheduler_seed").asLong());
        assertEquals("canary", run.path("tags").get(1).asText());
        assertEquals(15, root.path("status_codes").path("500").asLong());
        assertEquals(3, root.path("errors").path("connect_timeout").asLong());
        assertEquals(15, root.path("errors").path("unexpected_status").asLong());
        assertEquals(2, root.path("abandoned_requests").asLong());
        assertEquals(SampleRuns.HISTOGRAM, root.path("histograms").path("latency_us").asText());
        assertEquals(SampleRuns.CORRECTED_HISTOGRAM, root.path("histograms").path("corrected_latency_us").asText());
        assertEquals(SampleRuns.FAILED_HISTOGRAM, root.path("histograms").path("failed_latency_us").asText());
        assertEquals(SampleRuns.ALL_HISTOGRAM, root.path("histograms").path("all_latency_us").asText());
        assertEquals(15, run.path("planned_seconds").asLong());
        assertTrue(root.path("failure_reason").isNull());
        assertEquals(List.of("increase", "maintain", "decrease", "shutdown", "completed"),
                root.path("phases").findValuesAsText("phase"));
    }

    @Test
    void theChecksAndTheSkippedRequestsAreCarriedAsCounted() throws IOException {
        RunSummary s = SampleRuns.summary(ReportFormat.JSON);
        RunSummary flows = new RunSummary(s.runId(), s.state(), s.startedAt(), s.endedAt(), s.durationSeconds(),
                s.plannedSeconds(), s.config(), s.phases(), s.requests(), s.transactions(), s.scenarios(), s.total(),
                s.timeline(), s.abandonedRequests(), s.histograms(), s.schedulerSeed(), s.failureReason(),
                s.keyTimelines(), List.of(new CheckStats("checkout", "pay", "status in [200]", 95, 5)),
                List.of(new SkipStats("checkout", "pay", "unset_variable:token", 3)));
        JsonNode root = write(flows, false);
        JsonNode check = root.path("checks").get(0);
        assertEquals(List.of("checkout", "pay", "status in [200]"), List.of(check.path("scenario").asText(),
                check.path("transaction").asText(), check.path("label").asText()));
        assertEquals(95, check.path("passes").asLong());
        assertEquals(5, check.path("failures").asLong());
        JsonNode skip = root.path("skipped").get(0);
        assertEquals("unset_variable:token", skip.path("reason").asText());
        assertEquals(3, skip.path("count").asLong());
        assertEquals(0, write(s, false).path("checks").size(), "a run without checks has an empty list");
    }

    @Test
    void theConfigUsesTheSnakeCaseWireNames() throws IOException {
        JsonNode config = write(SampleRuns.summary(ReportFormat.JSON), false).path("config");

        assertEquals(SampleRuns.TARGET, config.path("target_base_url").asText());
        assertEquals(20, config.path("users").asInt());
        assertEquals(4.0, config.path("hatch_rate").asDouble());
        assertEquals(10, config.path("duration").path("seconds").asLong());
        assertEquals("random", config.path("scheduler").asText());
        assertEquals("json", config.path("reports").path("formats").get(0).asText());
        assertEquals("checkout", config.path("plugin_hints").path("team").asText());
        JsonNode tx = config.path("scenarios").get(0).path("transactions").get(1);
        assertEquals(SampleRuns.HOSTILE, tx.path("name").asText());
        assertEquals("POST", tx.path("request").path("method").asText());
        assertEquals("/cart", tx.path("request").path("path").asText());
        assertTrue(tx.path("request").has("allow_redirects"));
    }

    @Test
    void theConfigIsExactlyWhatTheInjectedCodecWrites() throws IOException {
        RunSummary summary = SampleRuns.summary(ReportFormat.JSON);

        JsonNode config = write(summary, false).path("config");

        assertEquals(MAPPER.readTree(SampleRuns.CODEC.encode(summary.config())), config);
    }

    @Test
    void theRowsKeepTheirNamesAndGroups() throws IOException {
        JsonNode stats = write(SampleRuns.summary(ReportFormat.JSON), false).path("stats");

        assertEquals(3, stats.path("requests").size());
        assertEquals("POST checkout/" + SampleRuns.HOSTILE, stats.path("requests").get(1).path("name").asText());
        assertEquals(3, stats.path("transactions").size());
        assertEquals(2, stats.path("scenarios").size());
        assertEquals(SampleRuns.HOSTILE_SCENARIO, stats.path("scenarios").get(1).path("name").asText());
    }

    @Test
    void aRowCarriesItsKeysPartsSoNoReaderParsesNames() throws IOException {
        JsonNode stats = write(SampleRuns.summary(ReportFormat.JSON), false).path("stats");

        JsonNode cart = stats.path("requests").get(1);
        assertEquals(List.of("request", "checkout", SampleRuns.HOSTILE, "POST"), List.of(cart.path("kind").asText(),
                cart.path("scenario").asText(), cart.path("transaction").asText(), cart.path("method").asText()));
        JsonNode tx = stats.path("transactions").get(2);
        assertEquals("transaction", tx.path("kind").asText());
        assertEquals(SampleRuns.HOSTILE_SCENARIO, tx.path("scenario").asText());
        assertTrue(tx.path("method").isNull());
        JsonNode total = stats.path("total");
        assertEquals("total", total.path("kind").asText());
        assertTrue(total.path("scenario").isNull() && total.path("transaction").isNull());
    }

    @Test
    void aRowHasTheLatencyOfOkFailedAndAllRequests() throws IOException {
        RunSummary summary = SampleRuns.summary(ReportFormat.JSON);
        JsonNode cart = write(summary, false).path("stats").path("requests").get(1);

        StatsRow expected = summary.requests().get(1);
        assertEquals(expected.latency().p50Ms(), cart.path("latency_ms").path("p50").asDouble(), 1e-9);
        assertEquals(expected.failedLatency().p50Ms(), cart.path("failed_latency_ms").path("p50").asDouble(), 1e-9);
        assertEquals(expected.allLatency().p99Ms(), cart.path("all_latency_ms").path("p99").asDouble(), 1e-9);
        assertEquals(expected.corrected().maxMs(), cart.path("corrected_latency_ms").path("max").asDouble(), 1e-9);
    }

    @Test
    void aRowListsItsErrorSamplesByKind() throws IOException {
        JsonNode stats = write(SampleRuns.summary(ReportFormat.JSON), false).path("stats");

        JsonNode samples = stats.path("requests").get(1).path("error_samples");
        List<String> kinds = new ArrayList<>();
        samples.fieldNames().forEachRemaining(kinds::add);
        assertEquals(List.of("unexpected_status"), kinds);
        assertEquals("HTTP 500: " + SampleRuns.HOSTILE, samples.path("unexpected_status").get(0).asText());
        assertEquals(2, samples.path("unexpected_status").size());
        assertEquals("connect timed out after 30 s", stats.path("total").path("error_samples").path("connect_timeout").get(0).asText());
        assertEquals(0, stats.path("requests").get(0).path("error_samples").size(), "no failures, no samples");
    }

    @Test
    void theTimelineCarriesTheOkMaximumPerSecond() throws IOException {
        RunSummary summary = SampleRuns.summary(ReportFormat.JSON);
        JsonNode first = write(summary, false).path("timeline").get(0);
        assertEquals(summary.timeline().get(0).latencyMaxMs(), first.path("latency_max_ms").asDouble(), 1e-9);
        assertTrue(!first.has("run_id"), "the run id is in the run header, not in every second");
    }

    @Test
    void withoutAnAnalysisTheAnalysisIsNull() throws IOException {
        JsonNode root = write(SampleRuns.summary(ReportFormat.JSON), false);

        assertTrue(root.has("analysis"));
        assertTrue(root.path("analysis").isNull());
    }

    @Test
    void withAnAnalysisItsFindingsAreWritten() throws IOException {
        JsonNode analysis = write(SampleRuns.summary(ReportFormat.JSON), true).path("analysis");

        assertEquals(SampleRuns.analysis().summary(), analysis.path("summary").asText());
        assertEquals("high", analysis.path("bottlenecks").get(0).path("severity").asText());
        assertEquals("Cart endpoint errors under load", analysis.path("bottlenecks").get(0).path("title").asText());
        assertEquals(2, analysis.path("recommendations").size());
    }
}
