package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;
import io.pebbletemplates.pebble.extension.escaper.SafeString;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTML report's template model: every value preformatted as text, so the template only lays out.
 * Only the charts are {@link SafeString}s: they are built here from numbers and escape their own text.
 * Everything else, including every name from the config or a response, is escaped by the template.
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

    record CountRow(String label, String description, String count, String share, String rowClass) {
    }

    record LegendItem(String label, String color, String kind) {
    }

    record Chart(String title, String caption, SafeString svg, List<LegendItem> legend, List<LegendItem> phases) {
    }

    record BottleneckView(String title, String severity, String severityClass, String evidence) {
    }

    record AnalysisView(String summary, List<BottleneckView> bottlenecks, List<String> recommendations) {
    }

    private static final Map<RunPhase, String> PHASE_COLORS = new EnumMap<>(Map.of(
            RunPhase.INCREASE, "#e3f4e8",
            RunPhase.MAINTAIN, "#e4edfb",
            RunPhase.DECREASE, "#fcf0d9",
            RunPhase.SHUTDOWN, "#eeeef1"));
    private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
    private static final Map<ErrorKind, String> ERROR_DESCRIPTIONS = new EnumMap<>(Map.of(
            ErrorKind.CONNECT_REFUSED, "nothing listened: the TCP connect was refused",
            ErrorKind.CONNECT_TIMEOUT, "the TCP or TLS connect did not complete in time",
            ErrorKind.RESPONSE_TIMEOUT, "connected, but no response within the request timeout",
            ErrorKind.CONNECTION_RESET, "the peer reset or closed the connection mid-exchange",
            ErrorKind.PROTOCOL_ERROR, "the response was not valid HTTP, or TLS failed",
            ErrorKind.UNEXPECTED_STATUS, "a response with a status not counted as success",
            ErrorKind.ABANDONED, "still in flight when the shutdown grace ran out",
            ErrorKind.IO_ERROR, "another I/O failure (DNS, local resource limits, ...)"));
    static final String BLUE = "#2563eb";
    static final String TEAL = "#0d9488";
    static final String AMBER = "#d97706";
    static final String RED = "#dc2626";
    static final String VIOLET = "#7c3aed";
    private static final String[] ERROR_PALETTE = {"#b91c1c", AMBER, VIOLET, TEAL, "#db2777", "#4b5563", BLUE, "#65a30d"};

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
        m.put("charts", charts(s));
        m.put("analysis", analysis == null ? null : analysis(analysis));
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
                    share(e.getValue(), all), "code-" + Math.max(1, Math.min(5, code / 100)) + "xx"));
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
                rows.add(new CountRow(kind.wireName(), ERROR_DESCRIPTIONS.getOrDefault(kind, ""), HumanFormat.count(n),
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

    private static List<Chart> charts(RunSummary s) {
        List<MetricsSnapshot> timeline = s.timeline();
        int n = timeline.size();
        double[] xs = new double[n];
        double[] rps = new double[n];
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        double[] p99 = new double[n];
        double[] p99c = new double[n];
        double[] users = new double[n];
        double[] failuresPerSecond = new double[n];
        Map<String, double[]> byKind = new LinkedHashMap<>();
        for (ErrorKind kind : ErrorKind.values()) {
            byKind.put(kind.wireName(), new double[n]);
        }
        for (int i = 0; i < n; i++) {
            MetricsSnapshot m = timeline.get(i);
            double interval = m.intervalSeconds() > 0 ? m.intervalSeconds() : 1;
            xs[i] = m.elapsedSeconds();
            rps[i] = m.throughputRps();
            p50[i] = m.latencyP50Ms();
            p95[i] = m.latencyP95Ms();
            p99[i] = m.latencyP99Ms();
            p99c[i] = m.latencyP99CorrectedMs();
            users[i] = m.activeUsers();
            failuresPerSecond[i] = m.failures() / interval;
            for (Map.Entry<String, Long> e : m.errors().entrySet()) {
                byKind.computeIfAbsent(e.getKey(), k -> new double[n])[i] = e.getValue() / interval;
            }
        }
        double span = Math.max(s.durationSeconds(), n == 0 ? 0 : xs[n - 1]);
        List<SvgChart.Band> bands = bands(s);
        List<LegendItem> bandLegend = new ArrayList<>();
        for (SvgChart.Band b : bands) {
            LegendItem item = new LegendItem(b.label(), b.color(), "band");
            if (!bandLegend.contains(item)) {
                bandLegend.add(item);
            }
        }

        List<Chart> charts = new ArrayList<>();
        charts.add(chart("Throughput", "Requests completed per second.", "requests / s", span, xs,
                List.of(new SvgChart.Series("throughput", BLUE, rps, false)), bands, bandLegend));
        charts.add(chart("Latency", "Per-second percentiles of successful requests, from the actual send; dashed: p99 of all requests, CO-corrected.",
                "latency (ms)", span, xs, List.of(
                        new SvgChart.Series("p50", TEAL, p50, false),
                        new SvgChart.Series("p95", AMBER, p95, false),
                        new SvgChart.Series("p99", RED, p99, false),
                        new SvgChart.Series("p99 corrected", VIOLET, p99c, true)), bands, bandLegend));
        charts.add(chart("Active users", "Virtual users alive at the end of each second.", "users", span, xs,
                List.of(new SvgChart.Series("active users", VIOLET, users, false)), bands, bandLegend));

        List<SvgChart.Series> errorSeries = new ArrayList<>();
        errorSeries.add(new SvgChart.Series("all failures", RED, failuresPerSecond, false));
        int color = 1;
        List<Map.Entry<String, double[]>> kinds = byKind.entrySet().stream().filter(e -> anyPositive(e.getValue())).toList();
        if (kinds.size() > 1) {
            for (Map.Entry<String, double[]> e : kinds) {
                errorSeries.add(new SvgChart.Series(e.getKey(), ERROR_PALETTE[color++ % ERROR_PALETTE.length], e.getValue(), true));
            }
        }
        charts.add(chart("Errors", "Failed requests per second" + (kinds.size() > 1 ? ", in total and by kind." : "."),
                "failures / s", span, xs, errorSeries, bands, bandLegend));
        return charts;
    }

    private static boolean anyPositive(double[] values) {
        for (double v : values) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    private static Chart chart(String title, String caption, String yTitle, double span, double[] xs,
                               List<SvgChart.Series> series, List<SvgChart.Band> bands, List<LegendItem> bandLegend) {
        List<LegendItem> legend = new ArrayList<>();
        for (SvgChart.Series s : series) {
            legend.add(new LegendItem(s.label(), s.color(), s.dashed() ? "dashed" : "line"));
        }
        String svg = SvgChart.render(title, yTitle, span, xs, series, bands);
        return new Chart(title, caption, new SafeString(svg), legend, bandLegend);
    }

    /** Phase bands from the phase timeline, in seconds since the run started; shutdown and idle are shaded too. */
    private static List<SvgChart.Band> bands(RunSummary s) {
        List<SvgChart.Band> bands = new ArrayList<>();
        Instant origin = s.startedAt();
        List<PhaseSpan> spans = s.phases();
        if (origin != null && !spans.isEmpty()) {
            for (PhaseSpan p : spans) {
                String color = PHASE_COLORS.get(p.phase());
                if (color == null || p.startedAt() == null) {
                    continue;
                }
                double from = seconds(origin, p.startedAt());
                double to = p.endedAt() == null ? Double.MAX_VALUE : seconds(origin, p.endedAt());
                bands.add(new SvgChart.Band(from, to, p.phase().wireName(), color));
            }
            return bands;
        }
        // Without a phase timeline the snapshots still say which phase each second belonged to.
        List<MetricsSnapshot> timeline = s.timeline();
        int i = 0;
        while (i < timeline.size()) {
            RunPhase phase = timeline.get(i).phase();
            int j = i;
            while (j + 1 < timeline.size() && timeline.get(j + 1).phase() == phase) {
                j++;
            }
            String color = phase == null ? null : PHASE_COLORS.get(phase);
            if (color != null) {
                double from = timeline.get(i).elapsedSeconds() - timeline.get(i).intervalSeconds();
                bands.add(new SvgChart.Band(Math.max(0, from), timeline.get(j).elapsedSeconds(), phase.wireName(), color));
            }
            i = j + 1;
        }
        return bands;
    }

    private static double seconds(Instant origin, Instant t) {
        return Duration.between(origin, t).toNanos() / 1e9;
    }
}
