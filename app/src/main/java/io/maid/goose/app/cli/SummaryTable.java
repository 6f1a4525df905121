package io.maid.goose.app.cli;

import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the end-of-run summary: one row per request key ({@code GET scenario/transaction}), then totals,
 * status codes and errors. Latency columns are those of successful requests; the failed requests' latency
 * and the CO-corrected latency of all requests follow the total.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(RunSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nRun %s %s after %.1f s (%d users, target %s)%n", s.runId(),
                s.state().wireName(), s.durationSeconds(), s.config().users(), s.config().targetBaseUrl()));
        List<StatsRow> rows = new ArrayList<>(s.requests());
        int width = Math.max(24, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0) + 2);
        String head = "%-" + width + "s %9s %8s %9s %9s %9s %9s %9s %9s %9s%n";
        String row = "%-" + width + "s %9d %8d %9.1f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n";
        b.append(String.format(Locale.ROOT, head, "request", "count", "fails", "rps", "mean ms", "p50 ms",
                "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
        for (StatsRow r : rows) {
            appendRow(b, row, r, r.latency());
        }
        b.append("-".repeat(width + 90)).append(System.lineSeparator());
        appendRow(b, row, s.total(), s.total().latency());
        String latencyOnly = "%-" + width + "s %9s %8s %9s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n";
        LatencyStats f = s.total().failedLatency();
        if (s.total().failures() > 0) {
            b.append(String.format(Locale.ROOT, latencyOnly, "total, failed requests", "", "", "", f.meanMs(), f.p50Ms(),
                    f.p90Ms(), f.p99Ms(), f.p999Ms(), f.maxMs()));
        }
        LatencyStats c = s.total().corrected();
        b.append(String.format(Locale.ROOT, latencyOnly,
                "total, CO-corrected", "", "", "", c.meanMs(), c.p50Ms(), c.p90Ms(), c.p99Ms(), c.p999Ms(), c.maxMs()));
        b.append("latency: successful requests; CO-corrected: all requests").append(System.lineSeparator());
        Map<Integer, Long> codes = s.total().statusCodes();
        b.append("status codes: ").append(codes.isEmpty() ? "none" : ConsoleFormat.counts(codes)).append(System.lineSeparator());
        Map<String, Long> errors = new TreeMap<>();
        s.total().errors().forEach((kind, n) -> errors.put(kind.wireName(), n));
        if (!errors.isEmpty()) {
            b.append("errors: ").append(ConsoleFormat.counts(errors)).append(System.lineSeparator());
        }
        if (s.abandonedRequests() > 0) {
            b.append("abandoned at shutdown: ").append(s.abandonedRequests()).append(System.lineSeparator());
        }
        if (s.failureReason() != null) {
            b.append("failure: ").append(s.failureReason()).append(System.lineSeparator());
        }
        return b.toString();
    }

    private static void appendRow(StringBuilder b, String fmt, StatsRow r, LatencyStats l) {
        b.append(String.format(Locale.ROOT, fmt, r.name(), r.count(), r.failures(), r.rps(), l.meanMs(), l.p50Ms(),
                l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs()));
    }
}
