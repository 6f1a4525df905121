package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsRow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The compact JSON a model reads instead of a whole {@link RunSummary}: totals, the busiest request keys,
 * the worst seconds, errors, status codes, the load generator's CPU and RAM, the phases and the load shape.
 *
 * <p>A run of a day has 86,400 timeline seconds and may have thousands of keys, while a model's context is
 * small and its cost grows with it, so the digest is bounded: at most {@value #MAX_ROWS} request keys (the
 * busiest), {@value #WORST} worst seconds per criterion, names cut to {@value #MAX_NAME} characters, and
 * rows dropped further until the JSON fits {@value #MAX_BYTES} bytes.
 */
final class RunDigest {
    static final int MAX_BYTES = 8000;
    static final int MAX_ROWS = 20;
    static final int MAX_SCENARIO_ROWS = 5;
    static final int WORST = 5;
    static final int MAX_NAME = 80;
    static final int MAX_MAP_ENTRIES = 12;
    /** Load-generator CPU above this many percent may distort the measurements. */
    static final double GENERATOR_CPU_HOT = 85;

    private static final Set<MetricField> SECOND_FIELDS = EnumSet.of(MetricField.ELAPSED_SECONDS, MetricField.PHASE,
            MetricField.ACTIVE_USERS, MetricField.THROUGHPUT_RPS, MetricField.ERROR_RATE, MetricField.LATENCY_P50_MS,
            MetricField.LATENCY_P99_MS, MetricField.LATENCY_MAX_MS, MetricField.LATENCY_P99_CORRECTED_MS,
            MetricField.CPU_USAGE, MetricField.RAM_USAGE);
    private static final Set<MetricField> SECOND_WITH_ERRORS = with(SECOND_FIELDS, MetricField.ERRORS);
    private static final String SECOND_UNITS = units(SECOND_WITH_ERRORS);

    private final ObjectMapper json;

    RunDigest(ObjectMapper json) {
        this.json = json;
    }

    /** The digest as JSON text, at most {@value #MAX_BYTES} bytes of UTF-8. */
    String render(RunSummary summary) {
        String text = "";
        for (int rows = MAX_ROWS; rows >= 0; rows = rows == 0 ? -1 : rows / 2) {
            text = build(summary, rows, Math.min(rows, MAX_SCENARIO_ROWS)).toString();
            if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
                return text;
            }
        }
        return text;
    }

    ObjectNode build(RunSummary s, int requestRows, int scenarioRows) {
        ObjectNode root = json.createObjectNode();
        root.put("units", "latency ms; err_pct % of count; rps requests/s; cpu and ram % of the load-generator host; t s since start;"
                + " worst seconds use the stream's Metrics names: " + SECOND_UNITS);

        ObjectNode run = root.putObject("run");
        run.put("state", s.state() == null ? null : s.state().wireName());
        run.put("duration_s", round(s.durationSeconds()));
        run.put("abandoned_requests", s.abandonedRequests());
        if (s.failureReason() != null) {
            run.put("failure_reason", cut(s.failureReason(), 300));
        }

        if (s.config() != null) {
            root.set("load", load(s.config()));
        }
        root.set("phases", phases(s));

        if (s.total() != null) {
            ObjectNode totals = row(s.total());
            totals.remove("name");
            root.set("totals", totals);
            root.set("status_codes", counts(s.total().statusCodes()));
            root.set("errors", errorCounts(s.total().errors()));
        }

        List<StatsRow> busiest = busiest(s.requests(), requestRows);
        ArrayNode requests = root.putArray("requests");
        busiest.forEach(r -> requests.add(row(r)));
        root.put("requests_omitted", s.requests().size() - busiest.size());
        if (s.scenarios().size() > 1 && scenarioRows > 0) {
            ArrayNode scenarios = root.putArray("scenarios");
            busiest(s.scenarios(), scenarioRows).forEach(r -> scenarios.add(row(r)));
        }

        root.put("timeline_seconds", s.timeline().size());
        ObjectNode worst = root.putObject("worst_seconds");
        ArrayNode byP99 = worst.putArray("by_p99");
        s.timeline().stream()
                .filter(m -> m.requests() > 0)
                .sorted(Comparator.comparingDouble(MetricsSnapshot::latencyP99Ms).reversed())
                .limit(WORST)
                .forEach(m -> byP99.add(second(m, false)));
        ArrayNode byErrors = worst.putArray("by_error_rate");
        s.timeline().stream()
                .filter(m -> m.failures() > 0)
                .sorted(Comparator.comparingDouble(MetricsSnapshot::errorRate).reversed()
                        .thenComparing(Comparator.comparingLong(MetricsSnapshot::failures).reversed()))
                .limit(WORST)
                .forEach(m -> byErrors.add(second(m, true)));

        root.set("load_generator", generator(s.timeline()));
        return root;
    }

    private ObjectNode load(RunConfig c) {
        ObjectNode load = json.createObjectNode();
        load.put("users", c.users());
        load.put("hatch_rate", c.hatchRate());
        load.put("ramp_up_s", round(c.users() / c.hatchRate()));
        load.put("maintain_s", c.duration().seconds());
        load.put("think_time_s", c.thinkTime().meanSeconds());
        load.put("scheduler", c.scheduler().wireName());
        load.put("request_timeout_s", c.requestTimeoutSeconds());
        if (c.throughputCapRps() != null) {
            load.put("throughput_cap_rps", c.throughputCapRps());
        }
        ArrayNode scenarios = load.putArray("scenarios");
        for (Scenario sc : c.scenarios().subList(0, Math.min(10, c.scenarios().size()))) {
            ObjectNode n = scenarios.addObject();
            n.put("name", cut(sc.name(), MAX_NAME));
            n.put("weight", sc.weight());
            n.put("transactions", sc.transactions().size());
        }
        if (c.scenarios().size() > 10) {
            load.put("scenarios_omitted", c.scenarios().size() - 10);
        }
        return load;
    }

    private ArrayNode phases(RunSummary s) {
        ArrayNode phases = json.createArrayNode();
        for (PhaseSpan p : s.phases()) {
            ObjectNode n = phases.addObject();
            n.put("phase", p.phase().wireName());
            if (s.startedAt() != null && p.startedAt() != null) {
                n.put("start_t", seconds(s.startedAt(), p.startedAt()));
                if (p.endedAt() != null) {
                    n.put("end_t", seconds(s.startedAt(), p.endedAt()));
                }
            }
        }
        return phases;
    }

    private ObjectNode row(StatsRow r) {
        ObjectNode n = json.createObjectNode();
        n.put("name", cut(r.name(), MAX_NAME));
        n.put("count", r.count());
        n.put("failures", r.failures());
        n.put("rps", round(r.rps()));
        n.put("err_pct", round(r.errorRate()));
        LatencyStats l = r.latency() == null ? LatencyStats.EMPTY : r.latency();
        n.put("p50", round(l.p50Ms()));
        n.put("p95", round(l.p95Ms()));
        n.put("p99", round(l.p99Ms()));
        n.put("p999", round(l.p999Ms()));
        n.put("max", round(l.maxMs()));
        n.put("p99_corrected", round(r.corrected() == null ? 0 : r.corrected().p99Ms()));
        return n;
    }

    /** One second, in the metrics vocabulary: the fields a model needs to judge it, numbers rounded. */
    private ObjectNode second(MetricsSnapshot m, boolean withErrors) {
        ObjectNode n = json.createObjectNode();
        MetricField.wireValues(m, withErrors ? SECOND_WITH_ERRORS : SECOND_FIELDS).forEach((name, value) -> {
            switch (value) {
                case null -> n.putNull(name);
                case Double d -> n.put(name, round(d));
                case Number count -> n.put(name, count.longValue());
                case Map<?, ?> counts -> {
                    ObjectNode map = n.putObject(name);
                    counts.forEach((k, v) -> map.put(String.valueOf(k), ((Number) v).longValue()));
                }
                default -> n.put(name, String.valueOf(value));
            }
        });
        return n;
    }

    /** CPU and RAM of the generating host: -1 marks an unknown sample, which is left out of max and mean. */
    private ObjectNode generator(List<MetricsSnapshot> timeline) {
        ObjectNode g = json.createObjectNode();
        Stat cpu = new Stat();
        Stat ram = new Stat();
        double netIn = 0;
        double netOut = 0;
        int hot = 0;
        for (MetricsSnapshot m : timeline) {
            cpu.add(m.cpuUsage());
            ram.add(m.ramUsage());
            if (m.cpuUsage() > GENERATOR_CPU_HOT) {
                hot++;
            }
            netIn = Math.max(netIn, m.networkInKbps());
            netOut = Math.max(netOut, m.networkOutKbps());
        }
        cpu.into(g, "cpu");
        ram.into(g, "ram");
        g.put("seconds_cpu_above_" + (int) GENERATOR_CPU_HOT, hot);
        g.put("network_in_kbps_max", round(netIn));
        g.put("network_out_kbps_max", round(netOut));
        return g;
    }

    private static final class Stat {
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;
        private int n;

        void add(double v) {
            if (v >= 0 && Double.isFinite(v)) {
                max = Math.max(max, v);
                sum += v;
                n++;
            }
        }

        void into(ObjectNode g, String name) {
            if (n == 0) {
                g.put(name + "_max", "unknown");
                g.put(name + "_mean", "unknown");
            } else {
                g.put(name + "_max", round(max));
                g.put(name + "_mean", round(sum / n));
            }
        }
    }

    private ObjectNode counts(Map<Integer, Long> byStatus) {
        ObjectNode n = json.createObjectNode();
        byStatus.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed())
                .limit(MAX_MAP_ENTRIES)
                .forEach(e -> n.put(String.valueOf(e.getKey()), e.getValue()));
        return n;
    }

    private ObjectNode errorCounts(Map<ErrorKind, Long> byKind) {
        ObjectNode n = json.createObjectNode();
        byKind.entrySet().stream()
                .sorted(Map.Entry.<ErrorKind, Long>comparingByValue().reversed())
                .forEach(e -> n.put(e.getKey().wireName(), e.getValue()));
        return n;
    }

    private static Set<MetricField> with(Set<MetricField> fields, MetricField more) {
        EnumSet<MetricField> all = EnumSet.copyOf(fields);
        all.add(more);
        return all;
    }

    /** {@code elapsed_seconds s, latency_p99_ms ms, ...}: the unit of each field, once per digest. */
    private static String units(Set<MetricField> fields) {
        StringJoiner j = new StringJoiner(", ");
        fields.stream().filter(f -> !f.unit().isEmpty()).forEach(f -> j.add(f.wireName() + " " + f.unit()));
        return j.toString();
    }

    private static List<StatsRow> busiest(List<StatsRow> rows, int limit) {
        List<StatsRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(StatsRow::count).reversed().thenComparing(StatsRow::name,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    private static double seconds(Instant from, Instant to) {
        return round(Duration.between(from, to).toMillis() / 1000.0);
    }

    /** Two decimals are more precision than any finding needs, and every digit costs context. */
    static double round(double v) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        return Math.round(v * 100) / 100.0;
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
