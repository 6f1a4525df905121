package io.maid.goose.ports.out;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.RunSummary;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a finished run's report files.
 *
 * <p>Guarantees: every file appears atomically under its final name (written to a temporary file in the
 * same directory, forced to disk, then renamed), so a reader never sees a partial report, and a failure
 * leaves no temporary file behind. Files written before a failure stay valid.
 */
public interface RunReportWriter {
    /**
     * Writes {@code summary.config().reports().formats()} into {@code directory} (created if needed):
     * {@code json} as {@code report.json}, {@code csv} as {@code report.csv} plus {@code timeline.csv},
     * {@code html} as {@code report.html}.
     *
     * @param summary   the finished run
     * @param analysis  the AI analysis to include, or {@code null} for none
     * @param directory the run's report folder
     * @return the file names written, in a stable order (json, csv, html)
     * @throws java.io.UncheckedIOException if a file cannot be written (files already written stay valid)
     */
    List<String> write(RunSummary summary, Analysis analysis, Path directory);
}
