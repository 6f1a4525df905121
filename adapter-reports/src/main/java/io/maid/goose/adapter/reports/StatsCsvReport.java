package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** {@code report.csv}: one row per request key, then the {@code Total} row; every header names its unit. */
final class StatsCsvReport implements ReportFile {
    static final String[] HEADER = {"name", "count", "failures", "error_rate_pct", "rps", "min_ms", "mean_ms", "max_ms",
            "stddev_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "corrected_p99_ms", "corrected_p999_ms",
            "bytes_sent", "bytes_received"};
    static final String TOTAL = "Total";

    @Override
    public String fileName() {
        return "report.csv";
    }

    @Override
    public void render(RunSummary s, Analysis analysis, OutputStream out) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).get();
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format)) {
            for (StatsRow row : s.requests()) {
                print(csv, row.name(), row);
            }
            print(csv, TOTAL, s.total());
        }
    }

    private static void print(CSVPrinter csv, String name, StatsRow r) throws IOException {
        LatencyStats l = r.latency() == null ? LatencyStats.EMPTY : r.latency();
        LatencyStats c = r.corrected() == null ? LatencyStats.EMPTY : r.corrected();
        csv.printRecord(name, r.count(), r.failures(), Decimals.of(r.errorRate()), Decimals.of(r.rps()),
                Decimals.of(l.minMs()), Decimals.of(l.meanMs()), Decimals.of(l.maxMs()), Decimals.of(l.stddevMs()),
                Decimals.of(l.p50Ms()), Decimals.of(l.p90Ms()), Decimals.of(l.p95Ms()), Decimals.of(l.p99Ms()),
                Decimals.of(l.p999Ms()), Decimals.of(c.p99Ms()), Decimals.of(c.p999Ms()), r.bytesSent(),
                r.bytesReceived());
    }
}
