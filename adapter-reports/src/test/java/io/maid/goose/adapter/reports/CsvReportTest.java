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

        assertEquals(List.of("kind", "name", "scenario", "transaction", "method", "count", "failures", "error_rate_pct",
                "rps", "min_ms", "mean_ms", "max_ms", "stddev_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms",
                "corrected_p99_ms", "corrected_p999_ms", "bytes_sent", "bytes_received",
                "status_200", "status_500", "errors_connect_timeout", "errors_unexpected_status"), header);
    }

    @Test
    void thereIsOneRowPerRequestKeyTransactionAndScenarioAndATotalsRowLast() throws IOException {
        List<CSVRecord> rows = parse("report.csv", new java.util.ArrayList<>());

        assertEquals(summary.requests().size() + summary.transactions().size() + summary.scenarios().size() + 1,
                rows.size());
        assertEquals("POST checkout/" + SampleRuns.HOSTILE, rows.get(1).get("name"));
        assertEquals(List.of("request", "request", "request", "transaction", "transaction", "transaction", "scenario",
                "scenario", "total"), rows.stream().map(r -> r.get("kind")).toList());
        assertEquals(List.of("request", "checkout", SampleRuns.HOSTILE, "POST"), List.of(rows.get(1).get("kind"),
                rows.get(1).get("scenario"), rows.get(1).get("transaction"), rows.get(1).get("method")));
        CSVRecord transaction = rows.get(4);
        assertEquals(List.of("checkout/" + SampleRuns.HOSTILE, "checkout", SampleRuns.HOSTILE, ""),
                List.of(transaction.get("name"), transaction.get("scenario"), transaction.get("transaction"),
                        transaction.get("method")));
        CSVRecord scenario = rows.get(7);
        assertEquals(List.of(SampleRuns.HOSTILE_SCENARIO, SampleRuns.HOSTILE_SCENARIO, "", ""), List.of(scenario.get("name"),
                scenario.get("scenario"), scenario.get("transaction"), scenario.get("method")));
        CSVRecord total = rows.get(rows.size() - 1);
        assertEquals("Total", total.get("name"));
        assertEquals("", total.get("scenario"));
        assertEquals(summary.total().count(), Long.parseLong(total.get("count")));
        assertEquals(summary.total().failures(), Long.parseLong(total.get("failures")));
        assertEquals(summary.total().errorRate(), Double.parseDouble(total.get("error_rate_pct")), 0.0005);
        assertEquals(summary.total().latency().p99Ms(), Double.parseDouble(total.get("p99_ms")), 0.0005);
        assertEquals(summary.total().corrected().p999Ms(), Double.parseDouble(total.get("corrected_p999_ms")), 0.0005);
        assertEquals(summary.total().bytesSent(), Long.parseLong(total.get("bytes_sent")));
    }

    @Test
    void eachStatusCodeAndErrorKindHasAColumnOfItsOwnInEveryRow() throws IOException {
        List<CSVRecord> rows = parse("report.csv", new java.util.ArrayList<>());

        CSVRecord cart = rows.get(1);
        assertEquals(summary.requests().get(1).statusCodes().get(200), Long.parseLong(cart.get("status_200")));
        assertEquals(summary.requests().get(1).statusCodes().get(500), Long.parseLong(cart.get("status_500")));
        assertEquals("0", rows.get(0).get("status_500"), "a row without a code counts 0 of it");
        assertEquals("15", cart.get("errors_unexpected_status"));
        assertEquals("0", cart.get("errors_connect_timeout"));
        CSVRecord total = rows.get(rows.size() - 1);
        assertEquals(summary.total().statusCodes().get(200), Long.parseLong(total.get("status_200")));
        assertEquals("3", total.get("errors_connect_timeout"));
    }

    @Test
    void theTimelineHasOneRowPerSecondWithTheMetricsFields() throws IOException {
        List<String> header = new java.util.ArrayList<>();
        List<CSVRecord> rows = parse("timeline.csv", header);

        assertEquals(SampleRuns.SECONDS, rows.size());
        for (String field : List.of("timestamp", "cpu_usage", "ram_usage", "throughput_rps", "error_rate",
                "status_200", "status_500", "latency_p50_ms", "latency_p90_ms", "latency_p95_ms", "latency_p99_ms",
                "latency_p999_ms", "network_in_kbps", "network_out_kbps", "phase", "elapsed_seconds", "active_users",
                "requests", "failures", "latency_p99_corrected_ms", "errors_connect_timeout", "errors_unexpected_status",
                "interval_seconds", "latency_max_ms")) {
            assertEquals(true, header.contains(field), field + " missing from " + header);
        }
        assertEquals(List.of("error_rate", "status_200", "status_500", "latency_p50_ms"),
                header.subList(header.indexOf("error_rate"), header.indexOf("error_rate") + 4),
                "a column per status code where the status_codes field is on the wire");
        CSVRecord tenth = rows.get(9);
        assertEquals("maintain", tenth.get("phase"));
        assertEquals("115", tenth.get("status_200"));
        assertEquals("5", tenth.get("status_500"));
        assertEquals("5", tenth.get("errors_unexpected_status"));
        assertEquals("0", tenth.get("errors_connect_timeout"));
        assertEquals("0", rows.get(0).get("status_500"), "a second without a code counts 0 of it");
        assertEquals("", rows.get(0).get("cpu_usage"));
    }
}
