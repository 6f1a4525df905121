package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code report.csv}: one row per group, every header naming its unit. Rows: each request key
 * ({@code kind} {@code request}), each transaction, each scenario, then the total, named {@code Total}. The
 * {@code kind}, {@code scenario}, {@code transaction} and {@code method} columns hold the parts of a row's
 * key (empty where they do not apply), so nothing has to parse its name. Latency columns are those of
 * successful requests, plus the CO-corrected p99 and p99.9 of all. Then one column per HTTP status that any
 * row saw, {@code status_<code>}, in numeric order, and one per error kind that any row saw,
 * {@code errors_<kind>}, in {@link ErrorKind} order: counts, 0 where a row had none.
 */
final class StatsCsvReport implements ReportFile {
    static final List<String> FIXED = List.of("kind", "name", "scenario", "transaction", "method", "count", "failures",
            "error_rate_pct", "rps", "min_ms", "mean_ms", "max_ms", "stddev_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms",
            "p999_ms", "corrected_p99_ms", "corrected_p999_ms", "bytes_sent", "bytes_received");
    static final String TOTAL = "Total";
    static final String STATUS_PREFIX = "status_";
    static final String ERRORS_PREFIX = "errors_";

    @Override
    public String fileName() {
        return "report.csv";
    }

    @Override
    public void render(RunSummary s, Analysis analysis, OutputStream out) throws IOException {
        List<StatsRow> rows = new ArrayList<>(s.requests());
        rows.addAll(s.transactions());
        rows.addAll(s.scenarios());
        rows.add(s.total());
        Set<Integer> codes = new TreeSet<>();
        Set<ErrorKind> kinds = EnumSet.noneOf(ErrorKind.class);
        for (StatsRow r : rows) {
            codes.addAll(r.statusCodes().keySet());
            kinds.addAll(r.errors().keySet());
        }
        List<String> header = new ArrayList<>(FIXED);
        codes.forEach(c -> header.add(STATUS_PREFIX + c));
        kinds.forEach(k -> header.add(ERRORS_PREFIX + k.wireName()));
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format)) {
            for (StatsRow row : rows) {
                csv.printRecord(cells(row, codes, kinds));
            }
        }
    }

    private static List<Object> cells(StatsRow r, Set<Integer> codes, Set<ErrorKind> kinds) {
        StatsKey key = r.key();
        LatencyStats l = r.latency();
        LatencyStats c = r.corrected();
        List<Object> cells = new ArrayList<>(List.of(key.kind().wireName(),
                key.kind() == StatsKey.Kind.TOTAL ? TOTAL : r.name(), nullToEmpty(key.scenario()),
                nullToEmpty(key.transaction()), key.method() == null ? "" : key.method().name(), r.count(), r.failures(),
                Decimals.of(r.errorRate()), Decimals.of(r.rps()), Decimals.of(l.minMs()), Decimals.of(l.meanMs()),
                Decimals.of(l.maxMs()), Decimals.of(l.stddevMs()), Decimals.of(l.p50Ms()), Decimals.of(l.p90Ms()),
                Decimals.of(l.p95Ms()), Decimals.of(l.p99Ms()), Decimals.of(l.p999Ms()), Decimals.of(c.p99Ms()),
                Decimals.of(c.p999Ms()), r.bytesSent(), r.bytesReceived()));
        codes.forEach(code -> cells.add(r.statusCodes().getOrDefault(code, 0L)));
        kinds.forEach(kind -> cells.add(r.errors().getOrDefault(kind, 0L)));
        return cells;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
