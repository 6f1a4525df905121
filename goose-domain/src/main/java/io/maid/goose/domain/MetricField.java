package io.maid.goose.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The per-second metrics vocabulary: every field of a {@link MetricsSnapshot} as it appears on the wire
 * (the WebSocket {@code Metrics} envelope, {@code report.json}'s timeline, {@code timeline.csv}, the analysis
 * digest), with its unit and meaning, in one place. The constants are in wire order: first the fields of
 * the original envelope, then the extras.
 *
 * <p>{@link #wireValues} is the one conversion of a snapshot to wire values; writers render its values
 * (JSON as they are, CSV as cells) and never read the snapshot's fields under names of their own.
 * {@link #fromWireValues} is the one conversion back, for readers of a stored timeline.
 *
 * <h2>Values</h2>
 * <ul>
 *   <li>numbers: a {@link Double} for measured quantities, a {@link Long} or {@link Integer} for counts;
 *       {@code null} for a value that is not a number (JSON has no NaN) and for a CPU or RAM figure the
 *       system probe could not read (the snapshot says -1: unknown, not a measurement);</li>
 *   <li>{@link #TIMESTAMP}: RFC 3339 in UTC, at most millisecond precision ({@code 2024-06-15T12:00:01Z});</li>
 *   <li>{@link #PHASE}: the phase's wire name;</li>
 *   <li>{@link #STATUS_CODES} and {@link #ERRORS}: unmodifiable {@code Map<String, Long>}s, status codes in
 *       numeric order and error kinds by wire name, so that two renderings of a run are byte-identical.</li>
 * </ul>
 */
public enum MetricField {
    TIMESTAMP("timestamp", "RFC 3339 UTC", "wall time at the end of the interval", m -> time(m.timestamp())),
    CPU_USAGE("cpu_usage", "%", "the load generator's host CPU, 0..100; null when unknown", m -> percent(m.cpuUsage())),
    RAM_USAGE("ram_usage", "%", "the load generator's host RAM, 0..100; null when unknown", m -> percent(m.ramUsage())),
    THROUGHPUT_RPS("throughput_rps", "requests/s", "requests completed in the interval / its exact length",
            m -> number(m.throughputRps())),
    ERROR_RATE("error_rate", "%", "failed / completed requests in the interval", m -> number(m.errorRate())),
    STATUS_CODES("status_codes", "responses", "responses per HTTP status in the interval, failures included",
            m -> statusCodes(m.statusCodes())),
    LATENCY_P50_MS("latency_p50_ms", "ms", "median raw latency of the interval's successful requests",
            m -> number(m.latencyP50Ms())),
    LATENCY_P90_MS("latency_p90_ms", "ms", "p90 raw latency of the interval's successful requests",
            m -> number(m.latencyP90Ms())),
    LATENCY_P95_MS("latency_p95_ms", "ms", "p95 raw latency of the interval's successful requests",
            m -> number(m.latencyP95Ms())),
    LATENCY_P99_MS("latency_p99_ms", "ms", "p99 raw latency of the interval's successful requests",
            m -> number(m.latencyP99Ms())),
    LATENCY_P999_MS("latency_p999_ms", "ms", "p99.9 raw latency of the interval's successful requests",
            m -> number(m.latencyP999Ms())),
    NETWORK_IN_KBPS("network_in_kbps", "kbit/s", "response bytes on the wire (1 kbit = 1000 bits)",
            m -> number(m.networkInKbps())),
    NETWORK_OUT_KBPS("network_out_kbps", "kbit/s", "request bytes on the wire (1 kbit = 1000 bits)",
            m -> number(m.networkOutKbps())),
    PHASE("phase", "", "the run's phase at the end of the interval", m -> m.phase() == null ? null : m.phase().wireName()),
    RUN_ID("run_id", "", "the run the snapshot belongs to", MetricsSnapshot::runId),
    ACTIVE_USERS("active_users", "users", "virtual users alive at the end of the interval", m -> m.activeUsers()),
    REQUESTS("requests", "requests", "requests completed in the interval (they add up to the run's total)",
            m -> m.requests()),
    FAILURES("failures", "requests", "failed requests in the interval", m -> m.failures()),
    LATENCY_P99_CORRECTED_MS("latency_p99_corrected_ms", "ms",
            "p99 latency of all the interval's requests, corrected for coordinated omission",
            m -> number(m.latencyP99CorrectedMs())),
    ERRORS("errors", "requests", "failures per error kind in the interval", m -> errors(m.errors())),
    ELAPSED_SECONDS("elapsed_seconds", "s", "monotonic time since the run started", m -> number(m.elapsedSeconds())),
    INTERVAL_SECONDS("interval_seconds", "s", "the interval's exact length; shorter for the last one",
            m -> number(m.intervalSeconds())),
    LATENCY_MAX_MS("latency_max_ms", "ms", "the largest raw latency of the interval's successful requests",
            m -> number(m.latencyMaxMs())),
    CHECKS_FAILED("checks_failed", "checks",
            "failed check evaluations in the interval (a request that failed two checks counts twice)",
            m -> m.checksFailed()),
    SKIPPED("skipped", "requests",
            "requests not sent in the interval because they could not be made (unset variable, template error, "
                    + "data exhausted); never counted as requests", m -> m.skipped()),
    DROPPED_ITERATIONS("dropped_iterations", "iterations",
            "open model: arrivals in the interval that found no free user (the pool at max_users) and were dropped, "
                    + "never queued", m -> m.droppedIterations()),
    ITERATIONS_STARTED("iterations_started", "iterations",
            "open model: arrivals in the interval that started an iteration (÷ interval_seconds: the achieved arrival "
                    + "rate)", m -> m.startedIterations());

    private static final Comparator<String> STATUS_ORDER = Comparator
            .comparing((String code) -> !isDigits(code))
            .thenComparingInt(code -> isDigits(code) ? code.length() : 0)
            .thenComparing(Comparator.naturalOrder());

    private final String wireName;
    private final String unit;
    private final String meaning;
    private final Function<MetricsSnapshot, Object> value;

    MetricField(String wireName, String unit, String meaning, Function<MetricsSnapshot, Object> value) {
        this.wireName = wireName;
        this.unit = unit;
        this.meaning = meaning;
        this.value = value;
    }

    /** The order status codes are written in: numeric codes by value, then any other key by name. */
    public static Comparator<String> statusOrder() {
        return STATUS_ORDER;
    }

    /** The field's name on the wire, e.g. {@code latency_p99_ms}. */
    public String wireName() {
        return wireName;
    }

    /** The unit of its value ({@code ms}, {@code %}, {@code requests/s}, ...), empty for text. */
    public String unit() {
        return unit;
    }

    /** What the value means, in one line. */
    public String meaning() {
        return meaning;
    }

    /** This field's wire value in {@code snapshot}, as described on the class. */
    public Object valueOf(MetricsSnapshot snapshot) {
        return value.apply(snapshot);
    }

    /** Every field's wire value, keyed by wire name, in wire order; unmodifiable. */
    public static Map<String, Object> wireValues(MetricsSnapshot snapshot) {
        return wireValues(snapshot, EnumSet.allOf(MetricField.class));
    }

    /** The wire values of {@code fields} only, still in wire order; unmodifiable. */
    public static Map<String, Object> wireValues(MetricsSnapshot snapshot, Set<MetricField> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MetricField f : values()) {
            if (fields.contains(f)) {
                out.put(f.wireName, f.valueOf(snapshot));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The snapshot whose wire values are {@code values}: the inverse of {@link #wireValues}, for reading a stored
     * timeline back (report.json). It round-trips everything but the timestamp's digits below a millisecond,
     * which the wire does not carry. An absent or null value reads as what writes null: -1 (unknown) for
     * CPU and RAM, NaN for the other measured numbers; absent counts read as 0, absent maps as empty, an
     * absent phase or timestamp as null. {@code runId} is used when the values have no {@link #RUN_ID}.
     *
     * @param values wire name to value: text, a {@link Number}, a map of names to numbers, or null
     * @throws IllegalArgumentException naming the field, when a value has the wrong type
     */
    public static MetricsSnapshot fromWireValues(String runId, Map<String, ?> values) {
        Object id = values.get(RUN_ID.wireName);
        String timestamp = text(values, TIMESTAMP);
        String phase = text(values, PHASE);
        return new MetricsSnapshot(id == null ? runId : text(values, RUN_ID),
                timestamp == null ? null : Instant.parse(timestamp), measured(values, ELAPSED_SECONDS),
                measured(values, INTERVAL_SECONDS), phase == null ? null : RunPhase.fromWire(phase),
                (int) count(values, ACTIVE_USERS), unknownIfNull(values, CPU_USAGE), unknownIfNull(values, RAM_USAGE),
                measured(values, THROUGHPUT_RPS), measured(values, ERROR_RATE), counts(values, STATUS_CODES),
                measured(values, LATENCY_P50_MS), measured(values, LATENCY_P90_MS), measured(values, LATENCY_P95_MS),
                measured(values, LATENCY_P99_MS), measured(values, LATENCY_P999_MS), measured(values, LATENCY_MAX_MS),
                measured(values, LATENCY_P99_CORRECTED_MS), measured(values, NETWORK_IN_KBPS),
                measured(values, NETWORK_OUT_KBPS), count(values, REQUESTS), count(values, FAILURES),
                counts(values, ERRORS), count(values, CHECKS_FAILED), count(values, SKIPPED),
                count(values, DROPPED_ITERATIONS), count(values, ITERATIONS_STARTED));
    }

    private static Object typed(Map<String, ?> values, MetricField f, Class<?> type) {
        Object v = values.get(f.wireName);
        if (v != null && !type.isInstance(v)) {
            throw new IllegalArgumentException(f.wireName + " must be " + type.getSimpleName().toLowerCase(Locale.ROOT)
                    + " or null, was " + v.getClass().getSimpleName() + " " + v);
        }
        return v;
    }

    private static String text(Map<String, ?> values, MetricField f) {
        return (String) typed(values, f, String.class);
    }

    private static double measured(Map<String, ?> values, MetricField f) {
        Number n = (Number) typed(values, f, Number.class);
        return n == null ? Double.NaN : n.doubleValue();
    }

    private static double unknownIfNull(Map<String, ?> values, MetricField f) {
        Number n = (Number) typed(values, f, Number.class);
        return n == null ? -1 : n.doubleValue();
    }

    private static long count(Map<String, ?> values, MetricField f) {
        Number n = (Number) typed(values, f, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static Map<String, Long> counts(Map<String, ?> values, MetricField f) {
        Map<?, ?> m = (Map<?, ?>) typed(values, f, Map.class);
        Map<String, Long> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException(f.wireName + "." + k + " must be a number, was " + v);
                }
                out.put(String.valueOf(k), n.longValue());
            });
        }
        return out;
    }

    /** RFC 3339 in UTC at millisecond precision at most, or null. */
    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Double percent(double v) {
        return v < 0 ? null : number(v);
    }

    private static Map<String, Long> statusCodes(Map<String, Long> codes) {
        Map<String, Long> sorted = new TreeMap<>(STATUS_ORDER);
        sorted.putAll(codes);
        return Collections.unmodifiableMap(sorted);
    }

    private static Map<String, Long> errors(Map<String, Long> errors) {
        return Collections.unmodifiableMap(new TreeMap<>(errors));
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
