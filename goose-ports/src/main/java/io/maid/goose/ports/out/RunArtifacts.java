package io.maid.goose.ports.out;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RunSummary;

import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Owns everything a run leaves behind besides its history record: its report files, kept per run. It is
 * the only place that knows where and how they are stored; callers name a run and a file, never a path.
 *
 * <h2>Files</h2>
 * The formats of a run's {@code config.reports} map to files: {@code json} is {@code report.json},
 * {@code csv} is {@code report.csv} plus {@code timeline.csv}, {@code html} is {@code report.html}; an AI
 * analysis adds {@code analysis.json}. {@code report.json} holds the run's complete summary, so it is written
 * first, and every other file can be regenerated from it ({@link #readSummary}). The one exception is a config
 * without a JSON form (an embedder's Java check or extractor): its run still gets every file, and
 * {@code report.json} says why it holds no config, but cannot be read back.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Every file appears atomically under its final name: it is written to a temporary file beside it,
 *       forced to disk and renamed. A reader (and {@link #list}, {@link #open}) sees the previous complete
 *       file or the new complete one, never a partial one.</li>
 *   <li>A write that fails leaves no temporary file, and the files written before the failure stay valid.
 *       A process that dies in the middle of a write can leave a temporary file; {@link #recover} removes
 *       it and says which formats are missing.</li>
 *   <li>{@link #readSummary} returns what {@link #write} was given, except what report.json does not carry
 *       at full precision: timeline timestamps below a millisecond.</li>
 *   <li>Only the names this port writes are ever listed or opened, and only when they are complete, regular
 *       files of the run itself (never links elsewhere).</li>
 *   <li>A run id that could not name a run (empty, with a separator, {@code .} or {@code ..}) is refused
 *       with {@link IllegalArgumentException}. Thread-safe.</li>
 * </ul>
 */
public interface RunArtifacts {
    /** {@code report.json}: the summary every other file can be regenerated from. */
    String SUMMARY_FILE = "report.json";
    /** {@code analysis.json}: the AI analysis, when the run has one. */
    String ANALYSIS_FILE = "analysis.json";

    /**
     * Writes every format of {@code summary.config().reports()}, in the order json, csv, html, and
     * {@code analysis.json} when {@code analysis} is given; replaces files of the same name.
     *
     * @return the file names written, in that order
     * @throws UncheckedIOException when a file cannot be written; the files before it stay valid
     */
    default List<String> write(RunSummary summary, Analysis analysis) {
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        formats.addAll(summary.config().reports().formats());
        return write(summary, analysis, formats);
    }

    /**
     * As {@link #write(RunSummary, Analysis)}, for the given formats only (for regenerating the missing ones);
     * {@code analysis.json} is written whenever {@code analysis} is given.
     */
    List<String> write(RunSummary summary, Analysis analysis, Set<ReportFormat> formats);

    /**
     * The run's summary, read back from its stored {@code report.json}; empty when the run has none.
     *
     * @throws UncheckedIOException when report.json exists but cannot be read as a summary (damaged, a config
     *                              that today's rules reject, or none embedded), with the reason
     */
    Optional<RunSummary> readSummary(String runId);

    /** The run's complete files, in the order json, csv, html, analysis; empty for a run with none. */
    List<String> list(String runId);

    /**
     * One complete file of the run, open for reading; empty when the run has no such file (or the name is
     * not one this port writes). The caller closes it.
     */
    Optional<ArtifactFile> open(String runId, String fileName);

    /** Removes every file of the run; a run without files is left as it is. */
    void delete(String runId);

    /**
     * Cleans up after a crash during a write: removes the run's temporary files, and says which complete files
     * there are and which of the {@code expected} formats lack a file.
     */
    ArtifactRecovery recover(String runId, ReportsSpec expected);

    /** Where a person finds the run's files (a folder, for files on disk), for messages. */
    String location(String runId);
}
