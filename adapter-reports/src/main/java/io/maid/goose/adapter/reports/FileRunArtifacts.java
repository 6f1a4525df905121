package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.out.ArtifactFile;
import io.maid.goose.ports.out.ArtifactRecovery;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's artifacts as files, one folder per run: {@code <root>/<run_id>/}. It writes {@code report.json}
 * (Jackson), {@code report.csv} and {@code timeline.csv} (commons-csv) and a self-contained
 * {@code report.html} (Pebble, inline CSS and server-rendered inline SVG charts; it fetches nothing), and
 * reads {@code report.json} back into the summary it was written from ({@link JsonSummaryReader}). It is
 * the only class that knows the folder layout; everything else asks it.
 *
 * <p>Assumptions and guarantees, beyond the {@link RunArtifacts} contract: each file is written to a hidden
 * temporary file ({@code .<name>.<uuid>.tmp}) in the run's folder, forced to disk and renamed, and the rename
 * is forced too where the platform allows. Files are listed and opened only when they are regular files
 * directly in the run's own folder after every link is resolved, and the run folder must not be a link to
 * another one; the file itself is opened without following links. Every string that comes from a config or
 * a response is escaped in HTML. Thread-safe; concurrent writes into the same folder race only in which
 * complete version wins.
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
 *   "verdict": "passed|failed",                // failed: the run failed or a threshold did
 *   "thresholds": [{"metric", "scope", "comparator": "lt|lte|gt|gte", "limit", "abort_on_fail",
 *                   "delay_abort_eval_seconds", "observed": number|null, "passed"}],  // in config order
 *   "config": { the run config as the RunConfigCodec writes it: the config of POST /api/goose/run }|null,
 *   "config_not_encoded": string,              // only with "config": null: why the codec could not write it
 *   "phases": [{"phase", "started_at", "ended_at": string|null}],
 *   "stats": {"requests": [row], "transactions": [row], "scenarios": [row], "total": row,
 *             "tls_handshake_ms": {"count", "min", "mean", "max", "stddev", "p50", "p90", "p95", "p99", "p999"}},
 *   "status_codes": {"200": n, ...},            // all requests
 *   "errors": {"connect_refused": n, ...},       // all failures, by error kind
 *   "abandoned_requests": n,
 *   "dropped_iterations": n,                    // open model: arrivals dropped, no user being free (0 if closed)
 *   "timeline": [{ every MetricField but run_id, in its order: "timestamp", "cpu_usage", "ram_usage",
 *                  "throughput_rps", "error_rate", "status_codes": {...}, "latency_p50_ms" ... "latency_p999_ms",
 *                  "network_in_kbps", "network_out_kbps", "phase", "active_users", "requests", "failures",
 *                  "latency_p99_corrected_ms", "errors": {...}, "elapsed_seconds", "interval_seconds",
 *                  "latency_max_ms" }],                           // one per second, in order
 *   "key_timelines": [{"name", "kind": "request", "scenario", "transaction", "method",
 *                      "latency_p95_ms": [number|null, ...]}],  // per request key, one value per timeline entry
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
 * {@code stats.tls_handshake_ms} is the run's TLS handshakes as the transport timed them (docs/reports.md):
 * {@code count} of them, 0 and every figure 0 when the run made none (plain HTTP), else their times in ms.
 * {@code key_timelines} holds, per request key, the p95 of its successful requests in each timeline
 * interval ({@code null}: none in that interval). Everything but {@code analysis} and the derived fields
 * ({@code error_rate}, the top-level {@code status_codes} and {@code errors}, {@code run.target} ...) is read
 * back by {@link JsonSummaryReader}; timeline timestamps keep millisecond precision. A config the codec cannot
 * write (an embedder's Java check or extractor has no JSON form) is {@code null}, with the codec's reason in
 * {@code config_not_encoded}: every other file is still written, and such a report cannot be read back.
 *
 * <h2>report.csv and timeline.csv</h2>
 * RFC 4180 with a header row; their columns are described on {@link StatsCsvReport} and
 * {@link TimelineCsvReport}.
 */
public final class FileRunArtifacts implements RunArtifacts {
    /**
     * Called with each temporary file once its content is on disk, just before it is renamed to its final
     * name; for fault-injection tests (a hook that throws fails the write there; one that blocks stands for a
     * process frozen, or killed, at that point).
     */
    @FunctionalInterface
    public interface WriteHook {
        void beforeRename(Path temporaryFile, String finalName) throws IOException;
    }

    /** Run ids name folders: a plain name, never a path. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final WriteHook NO_HOOK = (temp, name) -> { };

    private final Path root;
    private final Map<ReportFormat, List<ReportFile>> files;
    private final WriteHook hook;
    private final JsonSummaryReader reader;

    /**
     * Artifacts under {@code root}, with the standard renderers.
     *
     * @param codec writes the run's config into report.json, so that it reads exactly as the API takes it,
     *              and decodes it when the summary is read back
     */
    public FileRunArtifacts(Path root, RunConfigCodec codec) {
        this(root, codec, NO_HOOK);
    }

    /** As {@link #FileRunArtifacts(Path, RunConfigCodec)}, calling {@code hook} before every rename. */
    public FileRunArtifacts(Path root, RunConfigCodec codec, WriteHook hook) {
        this(root, codec, standardFiles(Objects.requireNonNull(codec, "codec")), hook);
    }

    FileRunArtifacts(Path root, RunConfigCodec codec, Map<ReportFormat, List<ReportFile>> files, WriteHook hook) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.files = new EnumMap<>(files);
        this.hook = Objects.requireNonNull(hook, "hook");
        this.reader = new JsonSummaryReader(codec);
    }

    private static Map<ReportFormat, List<ReportFile>> standardFiles(RunConfigCodec codec) {
        Map<ReportFormat, List<ReportFile>> m = new EnumMap<>(ReportFormat.class);
        m.put(ReportFormat.JSON, List.of(new JsonReport(codec)));
        m.put(ReportFormat.CSV, List.of(new StatsCsvReport(), new TimelineCsvReport()));
        m.put(ReportFormat.HTML, List.of(new PebbleHtmlReport()));
        m.put(ReportFormat.JUNIT, List.of(new JunitReport()));
        return m;
    }

    @Override
    public List<String> write(RunSummary summary, Analysis analysis, Set<ReportFormat> formats) {
        Objects.requireNonNull(summary, "summary");
        Path directory = folder(summary.runId());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + directory + ": " + e, e);
        }
        List<String> written = new ArrayList<>();
        for (ReportFormat format : ReportFormat.values()) {
            if (!formats.contains(format)) {
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

    @Override
    public Optional<RunSummary> readSummary(String runId) {
        Optional<ArtifactFile> stored = open(runId, SUMMARY_FILE);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (ArtifactFile file = stored.get()) {
            return Optional.of(reader.read(file.content(), runId));
        } catch (IOException e) {
            throw new UncheckedIOException("the report.json of run " + runId + " cannot be read as a summary: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String runId) {
        Path directory = folder(runId);
        List<String> out = new ArrayList<>();
        for (String name : names()) {
            if (locate(directory, name).isPresent()) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<ArtifactFile> open(String runId, String fileName) {
        Path directory = folder(runId);
        if (fileName == null || !names().contains(fileName)) {
            return Optional.empty();
        }
        Optional<Path> path = locate(directory, fileName);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            SeekableByteChannel channel = Files.newByteChannel(path.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new ArtifactFile(fileName, channel.size(), Channels.newInputStream(channel)));
        } catch (IOException e) {
            // removed (retention) or swapped for a link between the checks and the open
            return Optional.empty();
        }
    }

    @Override
    public void delete(String runId) {
        Path directory = folder(runId);
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Files.walk does not follow links: a link is removed, never what it points to.
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the report folder " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ArtifactRecovery recover(String runId, ReportsSpec expected) {
        Path directory = folder(runId);
        List<String> removed = new ArrayList<>();
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path p : entries.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (AtomicFiles.isTemporary(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(p);
                        removed.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean up the report folder " + directory + ": " + e.getMessage(), e);
            }
        }
        List<String> present = list(runId);
        Set<ReportFormat> missing = EnumSet.noneOf(ReportFormat.class);
        for (ReportFormat format : expected.formats()) {
            for (ReportFile file : files.getOrDefault(format, List.of())) {
                if (!present.contains(file.fileName())) {
                    missing.add(format);
                }
            }
        }
        return new ArtifactRecovery(removed, present, missing);
    }

    @Override
    public String location(String runId) {
        return folder(runId).toString();
    }

    /** Every name this class writes, in list order. */
    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (ReportFormat format : ReportFormat.values()) {
            files.getOrDefault(format, List.of()).forEach(f -> names.add(f.fileName()));
        }
        names.add(ANALYSIS_FILE);
        return names;
    }

    private Path folder(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches() || runId.contains("..")) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return root.resolve(runId);
    }

    /** The file's real path if it is a regular file directly in the run's own folder, else empty. */
    private Optional<Path> locate(Path directory, String file) {
        try {
            Path candidate = directory.resolve(file);
            if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            // links higher up (the root itself may be one) are fine, but the run folder must be the run
            // folder, and the file must be the file
            Path realDirectory = directory.toRealPath();
            if (!realDirectory.equals(root.toRealPath().resolve(directory.getFileName()))) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.equals(realDirectory.resolve(file)) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    private void writeOne(ReportFile file, RunSummary summary, Analysis analysis, Path directory,
                          List<String> writtenSoFar) {
        try {
            AtomicFiles.write(directory.resolve(file.fileName()), out -> file.render(summary, analysis, out), hook);
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
