package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.KeyTimeline;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.WorkerShare;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@code report.json} that {@link JsonReport} wrote back into the {@link RunSummary} it was written
 * from; the structure is documented on {@link FileRunArtifacts}. What the file holds only derived from other
 * fields (a row's {@code error_rate}, the top-level status codes and errors, the run header's copies of
 * config fields) is not read. The config is decoded with the same {@link RunConfigCodec} that encoded it.
 *
 * <p>Failures: anything that is not such a report (not JSON, another schema version, a missing or mistyped
 * field, a config today's rules reject, a config the report could not embed) is an {@link IOException} whose message names the field, so that a
 * caller can say why a run's reports cannot be regenerated. Stateless and thread-safe.
 */
final class JsonSummaryReader {
    private static final TypeReference<Map<String, Object>> WIRE_VALUES = new TypeReference<>() { };
    /** Floats as BigDecimal, so the embedded config reaches the codec digit for digit, as it was written. */
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private final RunConfigCodec codec;

    JsonSummaryReader(RunConfigCodec codec) {
        this.codec = codec;
    }

    /** @param runId the run the file belongs to; the file must say the same */
    RunSummary read(InputStream in, String runId) throws IOException {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a report: the document is not a JSON object");
        }
        try {
            return summary(root, runId);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private RunSummary summary(JsonNode root, String runId) throws IOException {
        int version = required(root, "schema_version").asInt();
        if (version != JsonReport.SCHEMA_VERSION) {
            throw new IOException("schema_version " + version + " is not " + JsonReport.SCHEMA_VERSION
                    + ", the version this build reads");
        }
        JsonNode run = required(root, "run");
        String id = text(run, "run_id");
        if (!runId.equals(id)) {
            throw new IOException("run.run_id is " + id + ", not " + runId);
        }
        JsonNode stats = required(root, "stats");
        JsonNode histograms = required(root, "histograms");
        List<MetricsSnapshot> timeline = new ArrayList<>();
        for (JsonNode entry : array(root, "timeline")) {
            timeline.add(MetricField.fromWireValues(id, mapper.convertValue(entry, WIRE_VALUES)));
        }
        List<KeyTimeline> keyTimelines = new ArrayList<>();
        // absent in reports written before the per-key timelines were kept
        for (JsonNode k : root.has("key_timelines") ? array(root, "key_timelines") : mapper.createArrayNode()) {
            JsonNode values = required(k, "latency_p95_ms");
            double[] p95 = new double[values.size()];
            for (int i = 0; i < p95.length; i++) {
                p95[i] = values.get(i).isNull() ? Double.NaN : values.get(i).doubleValue();
            }
            keyTimelines.add(new KeyTimeline(key(k), p95));
        }
        return new RunSummary(id, RunState.fromWire(text(run, "status")), instant(run, "started_at"),
                instant(run, "ended_at"), number(run, "duration_seconds"), required(run, "planned_seconds").asLong(),
                config(root), phases(root), rows(stats, "requests"), rows(stats, "transactions"),
                rows(stats, "scenarios"), row(required(stats, "total")), timeline,
                required(root, "abandoned_requests").asLong(),
                new LatencyHistograms(text(histograms, "latency_us"), text(histograms, "failed_latency_us"),
                        text(histograms, "all_latency_us"), text(histograms, "corrected_latency_us")),
                run.path("scheduler_seed").isNumber() ? run.get("scheduler_seed").asLong() : null,
                text(root, "failure_reason"), keyTimelines, checks(root), skipped(root), ThresholdsJson.read(root),
                // absent in reports written before the open model
                root.path("dropped_iterations").asLong(0), workers(root), handshakes(stats));
    }

    // both absent in reports written before flows had checks
    /** Absent in reports written before the handshakes were kept: none measured. */
    private static TlsHandshakeStats handshakes(JsonNode stats) throws IOException {
        if (!stats.has("tls_handshake_ms")) {
            return TlsHandshakeStats.NONE;
        }
        long count = required(required(stats, "tls_handshake_ms"), "count").asLong();
        return count == 0 ? TlsHandshakeStats.NONE : new TlsHandshakeStats(count, latency(stats, "tls_handshake_ms"));
    }

    private static List<CheckStats> checks(JsonNode root) throws IOException {
        List<CheckStats> out = new ArrayList<>();
        for (JsonNode c : root.has("checks") ? array(root, "checks") : List.<JsonNode>of()) {
            out.add(new CheckStats(text(c, "scenario"), text(c, "transaction"), text(c, "label"),
                    required(c, "passes").asLong(), required(c, "failures").asLong()));
        }
        return out;
    }

    // absent for runs on one process, and in reports written before distributed runs
    private static List<WorkerShare> workers(JsonNode root) throws IOException {
        List<WorkerShare> out = new ArrayList<>();
        for (JsonNode w : root.has("workers") ? array(root, "workers") : List.<JsonNode>of()) {
            out.add(new WorkerShare(text(w, "worker"), required(w, "users").asInt(), required(w, "requests").asLong(),
                    w.path("lost_at_second").isNumber() ? w.get("lost_at_second").asLong() : null, text(w, "lost_reason")));
        }
        return out;
    }

    private static List<SkipStats> skipped(JsonNode root) throws IOException {
        List<SkipStats> out = new ArrayList<>();
        for (JsonNode k : root.has("skipped") ? array(root, "skipped") : List.<JsonNode>of()) {
            out.add(new SkipStats(text(k, "scenario"), text(k, "transaction"), text(k, "reason"),
                    required(k, "count").asLong()));
        }
        return out;
    }

    private RunConfig config(JsonNode root) throws IOException {
        JsonNode node = required(root, "config");
        if (node.isNull() && root.path(JsonReport.CONFIG_NOT_ENCODED).isTextual()) {
            throw new IOException("config: the report has none, so the run cannot be read back: "
                    + root.get(JsonReport.CONFIG_NOT_ENCODED).asText());
        }
        DecodeResult decoded = codec.decode(mapper.writeValueAsString(node));
        if (decoded instanceof DecodeResult.Invalid invalid) {
            throw new IOException("config: today's config rules reject it: " + invalid.violations().stream()
                    .map(v -> v.pointer() + " " + v.message()).collect(Collectors.joining("; ")));
        }
        return ((DecodeResult.Valid) decoded).config();
    }

    private static List<PhaseSpan> phases(JsonNode root) throws IOException {
        List<PhaseSpan> out = new ArrayList<>();
        for (JsonNode p : array(root, "phases")) {
            out.add(new PhaseSpan(RunPhase.fromWire(text(p, "phase")), instant(p, "started_at"), instant(p, "ended_at")));
        }
        return out;
    }

    private static List<StatsRow> rows(JsonNode stats, String field) throws IOException {
        List<StatsRow> out = new ArrayList<>();
        for (JsonNode r : array(stats, field)) {
            out.add(row(r));
        }
        return out;
    }

    private static StatsRow row(JsonNode r) throws IOException {
        Map<Integer, Long> codes = new HashMap<>();
        required(r, "status_codes").properties().forEach(e -> codes.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        required(r, "errors").properties().forEach(e -> errors.put(ErrorKind.fromWire(e.getKey()), e.getValue().asLong()));
        Map<ErrorKind, List<String>> samples = new EnumMap<>(ErrorKind.class);
        required(r, "error_samples").properties().forEach(e -> {
            List<String> messages = new ArrayList<>();
            e.getValue().forEach(m -> messages.add(m.asText()));
            samples.put(ErrorKind.fromWire(e.getKey()), messages);
        });
        return new StatsRow(key(r), required(r, "count").asLong(), required(r, "failures").asLong(), number(r, "rps"),
                latency(r, "latency_ms"), latency(r, "failed_latency_ms"), latency(r, "all_latency_ms"),
                latency(r, "corrected_latency_ms"), codes, errors, samples, required(r, "bytes_sent").asLong(),
                required(r, "bytes_received").asLong());
    }

    private static StatsKey key(JsonNode n) throws IOException {
        String method = text(n, "method");
        StatsKey key = new StatsKey(StatsKey.Kind.valueOf(text(n, "kind").toUpperCase(Locale.ROOT)),
                text(n, "scenario"), text(n, "transaction"), method == null ? null : HttpMethod.valueOf(method));
        String name = text(n, "name");
        if (!key.name().equals(name)) {
            throw new IOException("the key parts name the group '" + key.name() + "', but its name is '" + name + "'");
        }
        return key;
    }

    private static LatencyStats latency(JsonNode row, String field) throws IOException {
        JsonNode l = required(row, field);
        return new LatencyStats(number(l, "min"), number(l, "mean"), number(l, "max"), number(l, "stddev"),
                number(l, "p50"), number(l, "p90"), number(l, "p95"), number(l, "p99"), number(l, "p999"));
    }

    private static JsonNode required(JsonNode parent, String field) throws IOException {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw new IOException("the field " + field + " is missing");
        }
        return n;
    }

    private static JsonNode array(JsonNode parent, String field) throws IOException {
        JsonNode n = required(parent, field);
        if (!n.isArray()) {
            throw new IOException(field + " must be an array");
        }
        return n;
    }

    private static String text(JsonNode parent, String field) throws IOException {
        JsonNode n = required(parent, field);
        if (n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IOException(field + " must be text or null, was " + n.getNodeType());
        }
        return n.asText();
    }

    /** A number, or null for one that could not be measured (written so because JSON has no NaN). */
    private static double number(JsonNode parent, String field) throws IOException {
        JsonNode n = required(parent, field);
        if (n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber()) {
            throw new IOException(field + " must be a number or null, was " + n.getNodeType());
        }
        return n.doubleValue();
    }

    private static Instant instant(JsonNode parent, String field) throws IOException {
        String t = text(parent, field);
        return t == null ? null : Instant.parse(t);
    }
}
