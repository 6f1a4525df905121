package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code timeline.csv}: one row per second under the stream's Metrics field names, so the file joins with
 * recorded stream messages. Unknown host CPU/RAM are empty cells; maps are {@code 200=10;500=1}.
 */
final class TimelineCsvReport implements ReportFile {
    static final String[] HEADER = {"timestamp", "elapsed_seconds", "phase", "active_users", "cpu_usage", "ram_usage",
            "throughput_rps", "error_rate", "requests", "failures", "status_codes", "errors", "latency_p50_ms",
            "latency_p90_ms", "latency_p95_ms", "latency_p99_ms", "latency_p999_ms", "latency_p99_corrected_ms",
            "network_in_kbps", "network_out_kbps"};

    @Override
    public String fileName() {
        return "timeline.csv";
    }

    @Override
    public void render(RunSummary s, Analysis analysis, OutputStream out) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).get();
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format)) {
            for (MetricsSnapshot m : s.timeline()) {
                csv.printRecord(m.timestamp(), Decimals.of(m.elapsedSeconds()),
                        m.phase() == null ? "" : m.phase().wireName(), m.activeUsers(),
                        m.cpuUsage() < 0 ? "" : Decimals.of(m.cpuUsage()), m.ramUsage() < 0 ? "" : Decimals.of(m.ramUsage()),
                        Decimals.of(m.throughputRps()), Decimals.of(m.errorRate()), m.requests(), m.failures(),
                        ReportMaps.joined(ReportMaps.sortedStatusCodes(m.statusCodes())),
                        ReportMaps.joined(ReportMaps.sortedByKey(m.errors())),
                        Decimals.of(m.latencyP50Ms()), Decimals.of(m.latencyP90Ms()), Decimals.of(m.latencyP95Ms()),
                        Decimals.of(m.latencyP99Ms()), Decimals.of(m.latencyP999Ms()),
                        Decimals.of(m.latencyP99CorrectedMs()), Decimals.of(m.networkInKbps()),
                        Decimals.of(m.networkOutKbps()));
            }
        }
    }
}
