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
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.KeyTimeline;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.WorkerShare;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.json}; the structure is documented on {@link FileRunArtifacts}, and {@link JsonSummaryReader}
 * reads it back. Streamed with a generator because a day-long run has 86,400 timeline entries.
 */
final class JsonReport implements ReportFile {
    static final int SCHEMA_VERSION = 2;
    /** Why the config is null: it holds something without a JSON form. Present only then. */
    static final String CONFIG_NOT_ENCODED = "config_not_encoded";
    /** The run id is in the report's "run" header once, not in each of 86,400 timeline entries. */
    static final Set<MetricField> TIMELINE_FIELDS = EnumSet.complementOf(EnumSet.of(MetricField.RUN_ID));
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
            ThresholdsJson.write(g, s);
            config(g, s);
            phases(g, s.phases());
            g.writeObjectFieldStart("stats");
            rows(g, "requests", s.requests());
            rows(g, "transactions", s.transactions());
            rows(g, "scenarios", s.scenarios());
            g.writeFieldName("total");
            row(g, s.total());
            handshakes(g, s.tlsHandshakes());
            g.writeEndObject();
            g.writeFieldName("status_codes");
            statusCodes(g, s.total().statusCodes());
            g.writeFieldName("errors");
            errors(g, ReportMaps.errorsByWireName(s.total().errors()));
            g.writeNumberField("abandoned_requests", s.abandonedRequests());
            g.writeNumberField("dropped_iterations", s.droppedIterations());
            checks(g, s.checks());
            skipped(g, s.skipped());
            if (!s.workers().isEmpty()) {
                workers(g, s.workers());
            }
            g.writeArrayFieldStart("timeline");
            for (MetricsSnapshot m : s.timeline()) {
                snapshot(g, m);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("key_timelines");
            for (KeyTimeline k : s.keyTimelines()) {
                keyTimeline(g, k);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("histograms");
            LatencyHistograms h = s.histograms();
            g.writeStringField("latency_us", h == null ? null : h.ok());
            g.writeStringField("failed_latency_us", h == null ? null : h.failed());
            g.writeStringField("all_latency_us", h == null ? null : h.all());
            g.writeStringField("corrected_latency_us", h == null ? null : h.corrected());
            g.writeEndObject();
            g.writeFieldName("analysis");
            analysis(g, analysis);
            g.writeStringField("failure_reason", s.failureReason());
            g.writeEndObject();
        }
    }

    /**
     * The config as the codec writes it; or, for a config the codec cannot write (an embedder's Java check or
     * extractor has no JSON form), {@code null} and the codec's reason in {@code config_not_encoded}, so that
     * such a run still gets its report, with every figure, its checks by name included.
     */
    private void config(JsonGenerator g, RunSummary s) throws IOException {
        String encoded;
        try {
            encoded = codec.encode(s.config());
        } catch (IllegalArgumentException e) {
            g.writeNullField("config");
            g.writeStringField(CONFIG_NOT_ENCODED, e.getMessage());
            return;
        }
        g.writeFieldName("config");
        mapper.writeTree(g, exact.readTree(encoded));
    }

    private static void run(JsonGenerator g, RunSummary s) throws IOException {
        g.writeObjectFieldStart("run");
        g.writeStringField("run_id", s.runId());
        g.writeStringField("status", s.state().wireName());
        instant(g, "started_at", s.startedAt());
        instant(g, "ended_at", s.endedAt());
        number(g, "duration_seconds", s.durationSeconds());
        g.writeNumberField("planned_seconds", s.plannedSeconds());
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

    private static void checks(JsonGenerator g, List<CheckStats> checks) throws IOException {
        g.writeArrayFieldStart("checks");
        for (CheckStats c : checks) {
            g.writeStartObject();
            g.writeStringField("scenario", c.scenario());
            g.writeStringField("transaction", c.transaction());
            g.writeStringField("label", c.label());
            g.writeNumberField("passes", c.passes());
            g.writeNumberField("failures", c.failures());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A distributed run's workers: each one's share, and when it was lost (null when it was not). */
    private static void workers(JsonGenerator g, List<WorkerShare> workers) throws IOException {
        g.writeArrayFieldStart("workers");
        for (WorkerShare w : workers) {
            g.writeStartObject();
            g.writeStringField("worker", w.worker());
            g.writeNumberField("users", w.users());
            g.writeNumberField("requests", w.requests());
            if (w.lostAtSecond() == null) {
                g.writeNullField("lost_at_second");
            } else {
                g.writeNumberField("lost_at_second", w.lostAtSecond());
            }
            g.writeStringField("lost_reason", w.lostReason());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void skipped(JsonGenerator g, List<SkipStats> skipped) throws IOException {
        g.writeArrayFieldStart("skipped");
        for (SkipStats k : skipped) {
            g.writeStartObject();
            g.writeStringField("scenario", k.scenario());
            g.writeStringField("transaction", k.transaction());
            g.writeStringField("reason", k.reason());
            g.writeNumberField("count", k.count());
            g.writeEndObject();
        }
        g.writeEndArray();
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
        key(g, r.key());
        g.writeNumberField("count", r.count());
        g.writeNumberField("failures", r.failures());
        number(g, "error_rate", r.errorRate());
        number(g, "rps", r.rps());
        latency(g, "latency_ms", r.latency());
        latency(g, "failed_latency_ms", r.failedLatency());
        latency(g, "all_latency_ms", r.allLatency());
        latency(g, "corrected_latency_ms", r.corrected());
        g.writeFieldName("status_codes");
        statusCodes(g, r.statusCodes());
        g.writeFieldName("errors");
        errors(g, ReportMaps.errorsByWireName(r.errors()));
        g.writeObjectFieldStart("error_samples");
        for (Map.Entry<ErrorKind, List<String>> e : r.errorSamples().entrySet()) {
            g.writeArrayFieldStart(e.getKey().wireName());
            for (String sample : e.getValue()) {
                g.writeString(sample);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeNumberField("bytes_sent", r.bytesSent());
        g.writeNumberField("bytes_received", r.bytesReceived());
        g.writeEndObject();
    }

    private static void keyTimeline(JsonGenerator g, KeyTimeline k) throws IOException {
        g.writeStartObject();
        key(g, k.key());
        g.writeArrayFieldStart("latency_p95_ms");
        for (int i = 0; i < k.length(); i++) {
            double v = k.p95At(i);
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A group's name and the parts of its key. */
    private static void key(JsonGenerator g, StatsKey key) throws IOException {
        g.writeStringField("name", key.name());
        g.writeStringField("kind", key.kind().wireName());
        g.writeStringField("scenario", key.scenario());
        g.writeStringField("transaction", key.transaction());
        g.writeStringField("method", key.method() == null ? null : key.method().name());
    }

    /** The run's TLS handshake times: their count (0 over plain HTTP), then the latency fields, in ms. */
    private static void handshakes(JsonGenerator g, TlsHandshakeStats h) throws IOException {
        g.writeObjectFieldStart("tls_handshake_ms");
        g.writeNumberField("count", h.count());
        latencyFields(g, h.latency());
        g.writeEndObject();
    }

    private static void latency(JsonGenerator g, String field, LatencyStats l) throws IOException {
        g.writeObjectFieldStart(field);
        latencyFields(g, l == null ? LatencyStats.EMPTY : l);
        g.writeEndObject();
    }

    private static void latencyFields(JsonGenerator g, LatencyStats v) throws IOException {
        number(g, "min", v.minMs());
        number(g, "mean", v.meanMs());
        number(g, "max", v.maxMs());
        number(g, "stddev", v.stddevMs());
        number(g, "p50", v.p50Ms());
        number(g, "p90", v.p90Ms());
        number(g, "p95", v.p95Ms());
        number(g, "p99", v.p99Ms());
        number(g, "p999", v.p999Ms());
    }

    /** A timeline entry: the snapshot's wire values, as the stream sends them, without the run id (it is in "run"). */
    private static void snapshot(JsonGenerator g, MetricsSnapshot m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : MetricField.wireValues(m, TIMELINE_FIELDS).entrySet()) {
            g.writeFieldName(e.getKey());
            wireValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** One {@link MetricField} value: text, a number, a count map, or null. */
    private static void wireValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String text -> g.writeString(text);
            case Double d -> g.writeNumber(d);
            case Long n -> g.writeNumber(n);
            case Integer n -> g.writeNumber(n);
            case Map<?, ?> counts -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : counts.entrySet()) {
                    g.writeNumberField(String.valueOf(e.getKey()), ((Number) e.getValue()).longValue());
                }
                g.writeEndObject();
            }
            default -> throw new IllegalStateException("not a metric wire value: " + value.getClass().getName());
        }
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

}
