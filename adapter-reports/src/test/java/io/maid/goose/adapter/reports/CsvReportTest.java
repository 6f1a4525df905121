package io.maid.goose.adapter.reports;

import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.testkit.SampleRuns;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvReportTest {
    @TempDir
    Path dir;

    private final RunSummary summary = SampleRuns.summary(ReportFormat.CSV);

    private List<CSVRecord> parse(String file, List<String> header) throws IOException {
        Path folder = Reports.write(dir, summary, null);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8);
             CSVParser parser = format.parse(reader)) {
            header.addAll(parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    @Test
    void theStatsHeaderNamesEveryColumnWithItsUnit() throws IOException {
        List<String> header = new java.util.ArrayList<>();
        parse("report.csv", header);

        assertEquals(List.of("name", "count", "failures", "error_rate_pct", "rps", "min_ms", "mean_ms", "max_ms",
                "stddev_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "corrected_p99_ms", "corrected_p999_ms",
                "bytes_sent", "bytes_received"), header);
    }

    @Test
    void thereIsOneRowPerRequestKeyAndATotalsRowLast() throws IOException {
        List<CSVRecord> rows = parse("report.csv", new java.util.ArrayList<>());

        assertEquals(summary.requests().size() + 1, rows.size());
        assertEquals("POST checkout/" + SampleRuns.HOSTILE, rows.get(1).get("name"));
        CSVRecord total = rows.get(rows.size() - 1);
        assertEquals("Total", total.get("name"));
        assertEquals(summary.total().count(), Long.parseLong(total.get("count")));
        assertEquals(summary.total().failures(), Long.parseLong(total.get("failures")));
        assertEquals(summary.total().errorRate(), Double.parseDouble(total.get("error_rate_pct")), 0.0005);
        assertEquals(summary.total().latency().p99Ms(), Double.parseDouble(total.get("p99_ms")), 0.0005);
        assertEquals(summary.total().corrected().p999Ms(), Double.parseDouble(total.get("corrected_p999_ms")), 0.0005);
        assertEquals(summary.total().bytesSent(), Long.parseLong(total.get("bytes_sent")));
    }

    @Test
    void theTimelineHasOneRowPerSecondWithTheMetricsFields() throws IOException {
        List<String> header = new java.util.ArrayList<>();
        List<CSVRecord> rows = parse("timeline.csv", header);

        assertEquals(SampleRuns.SECONDS, rows.size());
        for (String field : List.of("timestamp", "cpu_usage", "ram_usage", "throughput_rps", "error_rate",
                "status_codes", "latency_p50_ms", "latency_p90_ms", "latency_p95_ms", "latency_p99_ms", "latency_p999_ms",
                "network_in_kbps", "network_out_kbps", "phase", "elapsed_seconds", "active_users", "requests",
                "failures", "latency_p99_corrected_ms", "errors", "interval_seconds", "latency_max_ms")) {
            assertEquals(true, header.contains(field), field + " missing from " + header);
        }
        CSVRecord tenth = rows.get(9);
        assertEquals("maintain", tenth.get("phase"));
        assertEquals("200=115;500=5", tenth.get("status_codes"));
        assertEquals("unexpected_status=5", tenth.get("errors"));
        assertEquals("", rows.get(0).get("cpu_usage"));
    }
}
