package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}; the structure is documented on {@link FileRunReportWriter}. Streamed with a
 * generator because a day-long run has 86,400 timeline entries.
 */
final class JsonReport implements ReportFile {
    static final int SCHEMA_VERSION = 1;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    /** Reads the codec's text back without rounding a number, so the config is embedded exactly as written. */
    private final ObjectReader exact = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    private final RunConfigCodec codec;

    JsonReport(RunConfigCodec codec) {
        this.codec = codec;
    }

    @Override
    public String fileName() {
        return "report.json";
    }

    @Override
    public void render(RunSummary s, Analysis analysis, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            run(g, s);
            g.writeFieldName("config");
            mapper.writeTree(g, exact.readTree(codec.encode(s.config())));
            phases(g, s.phases());
            g.writeObjectFieldStart("stats");
            rows(g, "requests", s.requests());
            rows(g, "transactions", s.transactions());
            rows(g, "scenarios", s.scenarios());
            g.writeFieldName("total");
            row(g, s.total());
            g.writeEndObject();
            g.writeFieldName("status_codes");
            statusCodes(g, s.total().statusCodes());
            g.writeFieldName("errors");
            errors(g, ReportMaps.errorsByWireName(s.total().errors()));
            g.writeNumberField("abandoned_requests", s.abandonedRequests());
            g.writeArrayFieldStart("timeline");
            for (MetricsSnapshot m : s.timeline()) {
                snapshot(g, m);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("histograms");
            g.writeStringField("latency_us", s.latencyHistogram());
            g.writeStringField("corrected_latency_us", s.correctedHistogram());
            g.writeEndObject();
            g.writeFieldName("analysis");
            analysis(g, analysis);
            g.writeStringField("failure_reason", s.failureReason());
            g.writeEndObject();
        }
    }

    private static void run(JsonGenerator g, RunSummary s) throws IOException {
        g.writeObjectFieldStart("run");
        g.writeStringField("run_id", s.runId());
        g.writeStringField("status", s.state().wireName());
        instant(g, "started_at", s.startedAt());
        instant(g, "ended_at", s.endedAt());
        number(g, "duration_seconds", s.durationSeconds());
        g.writeStringField("target", s.config().targetBaseUrl().toString());
        g.writeNumberField("users", s.config().users());
        number(g, "hatch_rate", s.config().hatchRate());
        g.writeStringField("scheduler", s.config().scheduler().wireName());
        if (s.schedulerSeed() == null) {
            g.writeNullField("scheduler_seed");
        } else {
            g.writeNumberField("scheduler_seed", s.schedulerSeed());
        }
        g.writeArrayFieldStart("tags");
        for (String tag : s.config().pluginHints().tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void phases(JsonGenerator g, List<PhaseSpan> phases) throws IOException {
        g.writeArrayFieldStart("phases");
        for (PhaseSpan p : phases) {
            g.writeStartObject();
            g.writeStringField("phase", p.phase().wireName());
            instant(g, "started_at", p.startedAt());
            instant(g, "ended_at", p.endedAt());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void rows(JsonGenerator g, String field, List<StatsRow> rows) throws IOException {
        g.writeArrayFieldStart(field);
        for (StatsRow r : rows) {
            row(g, r);
        }
        g.writeEndArray();
    }

    private static void row(JsonGenerator g, StatsRow r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeNumberField("count", r.count());
        g.writeNumberField("failures", r.failures());
        number(g, "error_rate", r.errorRate());
        number(g, "rps", r.rps());
        latency(g, "latency_ms", r.latency());
        latency(g, "corrected_latency_ms", r.corrected());
        g.writeFieldName("status_codes");
        statusCodes(g, r.statusCodes());
        g.writeFieldName("errors");
        errors(g, ReportMaps.errorsByWireName(r.errors()));
        g.writeNumberField("bytes_sent", r.bytesSent());
        g.writeNumberField("bytes_received", r.bytesReceived());
        g.writeEndObject();
    }

    private static void latency(JsonGenerator g, String field, LatencyStats l) throws IOException {
        LatencyStats v = l == null ? LatencyStats.EMPTY : l;
        g.writeObjectFieldStart(field);
        number(g, "min", v.minMs());
        number(g, "mean", v.meanMs());
        number(g, "max", v.maxMs());
        number(g, "stddev", v.stddevMs());
        number(g, "p50", v.p50Ms());
        number(g, "p90", v.p90Ms());
        number(g, "p95", v.p95Ms());
        number(g, "p99", v.p99Ms());
        number(g, "p999", v.p999Ms());
        g.writeEndObject();
    }

    private static void snapshot(JsonGenerator g, MetricsSnapshot m) throws IOException {
        g.writeStartObject();
        instant(g, "timestamp", m.timestamp());
        number(g, "elapsed_seconds", m.elapsedSeconds());
        number(g, "interval_seconds", m.intervalSeconds());
        g.writeStringField("phase", m.phase() == null ? null : m.phase().wireName());
        g.writeNumberField("active_users", m.activeUsers());
        percentOrUnknown(g, "cpu_usage", m.cpuUsage());
        percentOrUnknown(g, "ram_usage", m.ramUsage());
        number(g, "throughput_rps", m.throughputRps());
        number(g, "error_rate", m.errorRate());
        g.writeFieldName("status_codes");
        g.writeStartObject();
        for (Map.Entry<String, Long> e : ReportMaps.sortedStatusCodes(m.statusCodes()).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        number(g, "latency_p50_ms", m.latencyP50Ms());
        number(g, "latency_p90_ms", m.latencyP90Ms());
        number(g, "latency_p95_ms", m.latencyP95Ms());
        number(g, "latency_p99_ms", m.latencyP99Ms());
        number(g, "latency_p999_ms", m.latencyP999Ms());
        number(g, "latency_p99_corrected_ms", m.latencyP99CorrectedMs());
        number(g, "network_in_kbps", m.networkInKbps());
        number(g, "network_out_kbps", m.networkOutKbps());
        g.writeNumberField("requests", m.requests());
        g.writeNumberField("failures", m.failures());
        g.writeFieldName("errors");
        errors(g, ReportMaps.sortedByKey(m.errors()));
        g.writeEndObject();
    }

    static void analysis(JsonGenerator g, Analysis a) throws IOException {
        if (a == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("summary", a.summary());
        g.writeArrayFieldStart("bottlenecks");
        for (Bottleneck b : a.bottlenecks()) {
            g.writeStartObject();
            g.writeStringField("title", b.title());
            g.writeStringField("severity", b.severity());
            g.writeStringField("evidence", b.evidence());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("recommendations");
        for (String r : a.recommendations()) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void statusCodes(JsonGenerator g, Map<Integer, Long> codes) throws IOException {
        g.writeStartObject();
        for (Map.Entry<Integer, Long> e : ReportMaps.sortedByKey(codes).entrySet()) {
            g.writeNumberField(Integer.toString(e.getKey()), e.getValue());
        }
        g.writeEndObject();
    }

    private static void errors(JsonGenerator g, Map<String, Long> errors) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Long> e : errors.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeStringField(field, value == null ? null : value.toString());
    }

    /** JSON has no NaN or infinity; a value that is not a number is written as null. */
    private static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }

    /** The system probe reports -1 when it cannot read the host; that is "unknown", not a measurement. */
    private static void percentOrUnknown(JsonGenerator g, String field, double value) throws IOException {
        number(g, field, value < 0 ? Double.NaN : value);
    }
}
