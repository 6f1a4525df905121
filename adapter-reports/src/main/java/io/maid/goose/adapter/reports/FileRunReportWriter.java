package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.out.RunConfigCodec;
import io.maid.goose.ports.out.RunReportWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a run's reports as files: {@code report.json} (Jackson), {@code report.csv} and
 * {@code timeline.csv} (commons-csv) and a self-contained {@code report.html} (Pebble, inline CSS and
 * server-rendered inline SVG charts; it fetches nothing). Only the formats in
 * {@code summary.config().reports()} are written, always in the order json, csv, html.
 *
 * <p>Assumptions and guarantees: each file is written to a hidden temporary file in the same directory,
 * forced to disk and renamed, so a reader sees either the previous content, or the complete new file,
 * never a partial one; a failed file leaves no temporary file behind; files written before a failure stay
 * in place and valid. Every string that comes from a config or a response is escaped in HTML. Thread-safe;
 * concurrent writes into the same directory race only in which complete version wins.
 *
 * <h2>report.json (schema_version 2)</h2>
 * Times are ISO-8601 UTC strings, latencies milliseconds, rates per second, {@code error_rate} a percentage
 * (0..100). A number that could not be measured (host CPU/RAM when the probe cannot read them) is
 * {@code null}. Version 2 (from 1): request keys carry the scenario ({@code "GET shopper/page"}); a row's
 * {@code latency_ms} covers its successful requests only, with {@code failed_latency_ms} and
 * {@code all_latency_ms} beside it; rows carry their key's parts and error samples; the timeline uses the
 * metrics vocabulary ({@code MetricField}) and adds {@code latency_max_ms}; the run has
 * {@code planned_seconds}; {@code histograms} has the failed and all distributions.
 * <pre>{@code
 * {
 *   "schema_version": 2,
 *   "run": {"run_id", "status": "completed|cancelled|failed", "started_at", "ended_at", "duration_seconds",
 *           "planned_seconds", "target", "users", "hatch_rate", "scheduler", "scheduler_seed": number|null,
 *           "tags": [string]},
 *   "config": { the run config as the RunConfigCodec writes it: the config of POST /api/goose/run },
 *   "phases": [{"phase", "started_at", "ended_at": string|null}],
 *   "stats": {"requests": [row], "transactions": [row], "scenarios": [row], "total": row},
 *   "status_codes": {"200": n, ...},            // all requests
 *   "errors": {"connect_refused": n, ...},       // all failures, by error kind
 *   "abandoned_requests": n,
 *   "checks": [{"scenario", "transaction", "label", "passes", "failures"}],   // per check, in config order
 *   "skipped": [{"scenario", "transaction", "reason", "count"}],  // requests not sent, never counted as requests
 *   "timeline": [{ every MetricField but run_id, in its order: "timestamp", "cpu_usage", "ram_usage",
 *                  "throughput_rps", "error_rate", "status_codes": {...}, "latency_p50_ms" ... "latency_p999_ms",
 *                  "network_in_kbps", "network_out_kbps", "phase", "active_users", "requests", "failures",
 *                  "latency_p99_corrected_ms", "errors": {...}, "elapsed_seconds", "interval_seconds",
 *                  "latency_max_ms", "checks_failed", "skipped" }],  // one per second, in order
 *   "histograms": {"latency_us", "failed_latency_us", "all_latency_us", "corrected_latency_us"}, // string|null
 *   "analysis": {"summary", "bottlenecks": [{"title", "severity", "evidence"}], "recommendations": [string]}|null,
 *   "failure_reason": string|null
 * }
 * row = {"name", "kind": "request|transaction|scenario|total", "scenario": string|null,
 *        "transaction": string|null, "method": string|null, "count", "failures", "error_rate", "rps",
 *        "latency_ms": {"min", "mean", "max", "stddev", "p50", "p90", "p95", "p99", "p999"},
 *        "failed_latency_ms": {same keys}, "all_latency_ms": {same keys}, "corrected_latency_ms": {same keys},
 *        "status_codes": {"200": n}, "errors": {"kind": n},
 *        "error_samples": {"kind": [up to 5 distinct messages]}, "bytes_sent", "bytes_received"}
 * }</pre>
 * A row's {@code latency_ms} is the raw latency of its successful requests, measured from the actual send;
 * {@code failed_latency_ms} that of its failed ones and {@code all_latency_ms} of both;
 * {@code corrected_latency_ms} covers all of them, corrected for coordinated omission. The histograms are
 * base64 of HdrHistogram's compressed encoding of the run's latency distributions in microseconds
 * ({@code Histogram.decodeFromCompressedByteBuffer}), with the same split ({@code latency_us} is OK only).
 *
 * <h2>report.csv and timeline.csv</h2>
 * RFC 4180 with a header row. {@code report.csv} has one row per request key and a last row named
 * {@code Total} (latency columns: successful requests); {@code timeline.csv} has one row per second with the
 * stream's Metrics fields (the metrics vocabulary, without the run id), maps written as {@code 200=10;500=1}.
 */
public final class FileRunReportWriter implements RunReportWriter {
    private final Map<ReportFormat, List<ReportFile>> files;

    /**
     * A writer with the standard renderers.
     *
     * @param codec writes the run's config into report.json, so that it reads exactly as the API takes it
     */
    public FileRunReportWriter(RunConfigCodec codec) {
        this(standardFiles(Objects.requireNonNull(codec, "codec")));
    }

    FileRunReportWriter(Map<ReportFormat, List<ReportFile>> files) {
        this.files = new EnumMap<>(files);
    }

    private static Map<ReportFormat, List<ReportFile>> standardFiles(RunConfigCodec codec) {
        Map<ReportFormat, List<ReportFile>> m = new EnumMap<>(ReportFormat.class);
        m.put(ReportFormat.JSON, List.of(new JsonReport(codec)));
        m.put(ReportFormat.CSV, List.of(new StatsCsvReport(), new TimelineCsvReport()));
        m.put(ReportFormat.HTML, List.of(new PebbleHtmlReport()));
        return m;
    }

    @Override
    public List<String> write(RunSummary summary, Analysis analysis, Path directory) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + directory + ": " + e, e);
        }
        List<String> written = new ArrayList<>();
        for (ReportFormat format : ReportFormat.values()) {
            if (!summary.config().reports().includes(format)) {
                continue;
            }
            for (ReportFile file : files.getOrDefault(format, List.of())) {
                writeOne(file, summary, analysis, directory, written);
                written.add(file.fileName());
            }
        }
        if (analysis != null) {
            ReportFile file = new AnalysisJsonReport();
            writeOne(file, summary, analysis, directory, written);
            written.add(file.fileName());
        }
        return List.copyOf(written);
    }

    private static void writeOne(ReportFile file, RunSummary summary, Analysis analysis, Path directory,
                                 List<String> writtenSoFar) {
        try {
            AtomicFiles.write(directory.resolve(file.fileName()), out -> file.render(summary, analysis, out));
        } catch (IOException e) {
            throw failure(file, directory, writtenSoFar, e);
        } catch (RuntimeException e) {
            // A rendering failure is reported like an I/O failure, so callers handle one exception type.
            throw failure(file, directory, writtenSoFar, new IOException(e.toString(), e));
        }
    }

    private static UncheckedIOException failure(ReportFile file, Path directory, List<String> writtenSoFar,
                                                 IOException cause) {
        String kept = writtenSoFar.isEmpty() ? "no report file was written" : "already written: " + String.join(", ", writtenSoFar);
        return new UncheckedIOException("cannot write " + file.fileName() + " in " + directory + " (" + kept + "): "
                + cause.getMessage(), cause);
    }
}
