package io.maid.goose.app.cli;

import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.TlsHandshakeStats;

import java.util.List;
import java.util.Locale;

/**
 * Renders the end-of-run summary, fitted to a width: one row per request key ({@code GET scenario/transaction}),
 * then one per scenario when there are several (a transaction has one request, so its row would repeat its
 * request key's), then the total, the latency of the failed requests and the CO-corrected latency of all
 * requests, and the TLS handshakes when the run made any; a line saying what the latency columns cover; then the checks and skipped requests of a flow
 * ({@link FlowDetail}), the status codes and errors ({@link ErrorDetail}), and the thresholds, a ✓/✗ row each
 * ({@link ThresholdRows}). A narrow console loses p99.9, mean, p90 and rps first (see {@link TextTable}).
 */
public final class SummaryTable {
    private static final List<TextTable.Column> COLUMNS = List.of(
            new TextTable.Column("request", 0), new TextTable.Column("count", 0), new TextTable.Column("fails", 0),
            new TextTable.Column("rps", 3), new TextTable.Column("mean ms", 5), new TextTable.Column("p50 ms", 1),
            new TextTable.Column("p90 ms", 4), new TextTable.Column("p99 ms", 1), new TextTable.Column("p99.9 ms", 6),
            new TextTable.Column("max ms", 2));
    static final String LEGEND = "latency: successful requests, in ms (the failed-requests row: the failed ones;"
            + " CO-corrected: all requests, corrected for coordinated omission)";
    static final String HANDSHAKE_LEGEND = "TLS handshakes: the handshake alone of each request that opened a TLS"
            + " connection, never the TCP connect; it is part of that request's latency too";

    private SummaryTable() {
    }

    /** The summary for a console of {@value TerminalWidth#DEFAULT} columns. */
    public static String render(RunSummary s) {
        return render(s, TerminalWidth.DEFAULT);
    }

    /** The summary in lines of at most {@code width} characters (a path or URL longer than a line excepted). */
    public static String render(RunSummary s, int width) {
        StringBuilder b = new StringBuilder(System.lineSeparator());
        b.append(ConsoleFormat.wrapped(String.format(Locale.ROOT, "Run %s %s after %.1f s (%d users, target %s)", s.runId(),
                s.state().wireName(), s.durationSeconds(), s.config().users(), s.config().targetBaseUrl()), width, 2));
        TextTable table = new TextTable(COLUMNS);
        for (StatsRow r : s.requests()) {
            table.row(cells(r.name(), r));
        }
        if (s.scenarios().size() > 1) {
            for (StatsRow r : s.scenarios()) {
                table.row(cells("scenario " + r.name(), r));
            }
        }
        table.rule().row(cells(s.total().name(), s.total()));
        if (s.total().failures() > 0) {
            table.row(latencyOnly("total, failed requests", s.total().failedLatency()));
        }
        table.row(latencyOnly("total, CO-corrected", s.total().corrected()));
        TlsHandshakeStats handshakes = s.tlsHandshakes();
        if (handshakes.count() > 0) {
            String[] row = latencyOnly("TLS handshakes", handshakes.latency());
            row[1] = Long.toString(handshakes.count());
            table.row(row);
        }
        for (String line : table.render(width)) {
            b.append(line).append(System.lineSeparator());
        }
        b.append(ConsoleFormat.wrapped(LEGEND, width, 2));
        if (handshakes.count() > 0) {
            b.append(ConsoleFormat.wrapped(HANDSHAKE_LEGEND, width, 2));
        }
        FlowDetail.append(b, s, width);
        ErrorDetail.append(b, s, width);
        if (s.abandonedRequests() > 0) {
            b.append("abandoned at shutdown: ").append(s.abandonedRequests()).append(System.lineSeparator());
        }
        if (s.config().load() instanceof LoadPlan.Arrival open) {
            long started = s.timeline().stream().mapToLong(MetricsSnapshot::startedIterations).sum();
            b.append(ConsoleFormat.wrapped(String.format(Locale.ROOT,
                    "arrivals: %d started, %d dropped (no free user; max_users %d)%s", started, s.droppedIterations(),
                    open.maxUsers(), s.droppedIterations() == 0 ? "" : " - the target is slower than the plan assumes, "
                            + "or max_users is too low"), width, 2));
        }
        if (s.failureReason() != null) {
            b.append(ConsoleFormat.wrapped("failure: " + s.failureReason(), width, 2));
        }
        ThresholdRows.append(b, s, width);
        return b.toString();
    }

    private static String[] cells(String name, StatsRow r) {
        LatencyStats l = r.latency();
        return new String[] {name, Long.toString(r.count()), Long.toString(r.failures()),
                String.format(Locale.ROOT, "%.1f", r.rps()), ms(l.meanMs()), ms(l.p50Ms()), ms(l.p90Ms()), ms(l.p99Ms()),
                ms(l.p999Ms()), ms(l.maxMs())};
    }

    private static String[] latencyOnly(String name, LatencyStats l) {
        return new String[] {name, "", "", "", ms(l.meanMs()), ms(l.p50Ms()), ms(l.p90Ms()), ms(l.p99Ms()),
                ms(l.p999Ms()), ms(l.maxMs())};
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
