package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTML report's template model: every value preformatted as text, so the template only lays out.
 * Only the charts ({@link ReportCharts}) are {@code SafeString}s: they are built from numbers and escape
 * their own text. Everything else, including every name from the config or a response (the error samples
 * of {@link ErrorTables} too), is escaped by the template.
 */
final class HtmlView {
    record RunView(String runId, String target, String status, String statusClass, String startedAt,
                   String endedAt, String duration, String users, String hatchRate, String scheduler,
                   String schedulerSeed, List<String> tags, String failureReason, String abandoned) {
    }

    record PhaseRow(String phase, String phaseClass, String startedAt, String endedAt, String duration) {
    }

    record Totals(String requests, String failures, String rps, String p50, String p99, String errorRate,
                  String errorClass, String p99Corrected, String received, String sent) {
    }

    record Latency(String min, String mean, String max, String p50, String p90, String p95, String p99,
                   String p999) {
    }

    record StatsView(String name, String count, String failures, String errorRate, String errorClass, String rps,
                     Latency raw, Latency corrected) {
    }

    /** The run's TLS handshakes: how many, and their times. */
    record HandshakesView(String count, Latency times) {
    }

    record CountRow(String label, String description, String count, String share, String rowClass) {
    }

    record BottleneckView(String title, String severity, String severityClass, String evidence) {
    }

    record AnalysisView(String summary, List<BottleneckView> bottlenecks, List<String> recommendations) {
    }

    private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

    private HtmlView() {
    }

    static Map<String, Object> model(RunSummary s, Analysis analysis) {
        Map<String, Object> m = new HashMap<>();
        m.put("run", run(s));
        m.put("phases", phases(s));
        m.put("totals", totals(s.total()));
        m.put("requestRows", stats(s.requests()));
        m.put("transactionRows", stats(s.transactions()));
        m.put("scenarioRows", stats(s.scenarios()));
        m.put("totalRow", stats(List.of(s.total())).get(0));
        m.put("statusCodes", statusCodes(s.total()));
        m.put("errors", errors(s.total()));
        m.put("statusByRequest", ErrorTables.statusCodes(s.requests(), s.total()));
        m.put("requestErrors", ErrorTables.errors(s.requests()));
        m.put("checks", FlowTables.checks(s));
        m.put("skipped", FlowTables.skipped(s));
        m.put("charts", ReportCharts.of(s));
        m.put("analysis", analysis == null ? null : analysis(analysis));
        m.put("thresholds", HtmlThresholds.of(s));
        m.put("handshakes", s.tlsHandshakes().count() == 0 ? null
                : new HandshakesView(HumanFormat.count(s.tlsHandshakes().count()), latency(s.tlsHandshakes().latency())));
        return m;
    }

    private static RunView run(RunSummary s) {
        var c = s.config();
        String seed = s.schedulerSeed() == null ? "" : Long.toString(s.schedulerSeed());
        return new RunView(s.runId(), c.targetBaseUrl().toString(), s.state().wireName(), statusClass(s.state()),
                HumanFormat.time(s.startedAt()), HumanFormat.time(s.endedAt()), HumanFormat.duration(s.durationSeconds()),
                HumanFormat.count(c.users()), HumanFormat.plain(c.hatchRate()) + " users/s", c.scheduler().wireName(),
                seed, c.pluginHints().tags(), s.failureReason() == null ? "" : s.failureReason(),
                HumanFormat.count(s.abandonedRequests()));
    }

    private static String statusClass(RunState state) {
        return switch (state) {
            case COMPLETED -> "ok";
            case CANCELLED -> "warn";
            case FAILED -> "bad";
            case PENDING, RUNNING -> "info";
        };
    }

    private static List<PhaseRow> phases(RunSummary s) {
        List<PhaseRow> rows = new ArrayList<>();
        for (PhaseSpan p : s.phases()) {
            String length = p.startedAt() == null || p.endedAt() == null ? HumanFormat.MISSING
                    : HumanFormat.duration(Duration.between(p.startedAt(), p.endedAt()).toNanos() / 1e9);
            rows.add(new PhaseRow(p.phase().wireName(), "phase-" + p.phase().wireName(), HumanFormat.time(p.startedAt()),
                    HumanFormat.time(p.endedAt()), length));
        }
        return rows;
    }

    private static Totals totals(StatsRow t) {
        LatencyStats l = latencyOf(t.latency());
        LatencyStats c = latencyOf(t.corrected());
        return new Totals(HumanFormat.count(t.count()), HumanFormat.count(t.failures()), HumanFormat.rate(t.rps()),
                HumanFormat.ms(l.p50Ms()), HumanFormat.ms(l.p99Ms()), HumanFormat.percent(t.errorRate()),
                errorClass(t), HumanFormat.ms(c.p99Ms()), HumanFormat.bytes(t.bytesReceived()),
                HumanFormat.bytes(t.bytesSent()));
    }

    private static String errorClass(StatsRow r) {
        if (r.failures() == 0) {
            return "ok";
        }
        return r.errorRate() >= 5 ? "bad" : "warn";
    }

    private static List<StatsView> stats(List<StatsRow> rows) {
        List<StatsView> out = new ArrayList<>(rows.size());
        for (StatsRow r : rows) {
            out.add(new StatsView(r.name(), HumanFormat.count(r.count()), HumanFormat.count(r.failures()),
                    HumanFormat.percent(r.errorRate()), errorClass(r), HumanFormat.rate(r.rps()),
                    latency(r.latency()), latency(r.corrected())));
        }
        return out;
    }

    private static LatencyStats latencyOf(LatencyStats l) {
        return l == null ? LatencyStats.EMPTY : l;
    }

    private static Latency latency(LatencyStats stats) {
        LatencyStats l = latencyOf(stats);
        return new Latency(HumanFormat.ms(l.minMs()), HumanFormat.ms(l.meanMs()), HumanFormat.ms(l.maxMs()),
                HumanFormat.ms(l.p50Ms()), HumanFormat.ms(l.p90Ms()), HumanFormat.ms(l.p95Ms()),
                HumanFormat.ms(l.p99Ms()), HumanFormat.ms(l.p999Ms()));
    }

    private static List<CountRow> statusCodes(StatsRow total) {
        long all = 0;
        for (long n : total.statusCodes().values()) {
            all += n;
        }
        List<CountRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : ReportMaps.sortedByKey(total.statusCodes()).entrySet()) {
            int code = e.getKey();
            rows.add(new CountRow(Integer.toString(code), statusText(code), HumanFormat.count(e.getValue()),
                    share(e.getValue(), all), ErrorTables.codeClass(code)));
        }
        return rows;
    }

    private static String statusText(int code) {
        return switch (code / 100) {
            case 1 -> "informational";
            case 2 -> "success";
            case 3 -> "redirection";
            case 4 -> "client error";
            case 5 -> "server error";
            default -> "non-standard";
        };
    }

    private static List<CountRow> errors(StatsRow total) {
        List<CountRow> rows = new ArrayList<>();
        for (ErrorKind kind : ErrorKind.values()) {
            Long n = total.errors().get(kind);
            if (n != null && n > 0) {
                rows.add(new CountRow(kind.wireName(), ErrorTables.describe(kind), HumanFormat.count(n),
                        share(n, total.failures()), "error-row"));
            }
        }
        return rows;
    }

    private static String share(long part, long whole) {
        return whole <= 0 ? HumanFormat.MISSING : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static AnalysisView analysis(Analysis a) {
        List<BottleneckView> bottlenecks = new ArrayList<>();
        for (Bottleneck b : a.bottlenecks()) {
            String severity = b.severity() == null ? "" : b.severity().trim().toLowerCase(Locale.ROOT);
            // The class attribute takes only known values: the severity text comes from a model's output.
            String severityClass = SEVERITIES.contains(severity) ? "sev-" + severity : "sev-unknown";
            bottlenecks.add(new BottleneckView(nullToEmpty(b.title()), severity.isEmpty() ? "unrated" : severity,
                    severityClass, nullToEmpty(b.evidence())));
        }
        return new AnalysisView(nullToEmpty(a.summary()), bottlenecks, a.recommendations());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
