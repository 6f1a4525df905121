package io.maid.goose.adapter.reports;

import io.maid.goose.domain.ReportFormat;
import io.maid.goose.testkit.SampleRuns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renders the sample run's HTML report to a file for a visual check in a browser; not a test, and its
 * output is not committed. Usage: {@code SampleReportMain /tmp/goose-sample-report.html [no-analysis]}.
 */
public final class SampleReportMain {
    private SampleReportMain() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "goose-sample-report.html").toAbsolutePath();
        Path work = Files.createTempDirectory("goose-sample-report");
        Path folder = Reports.write(work, SampleRuns.summary(ReportFormat.HTML), args.length > 1 ? null : SampleRuns.analysis());
        Files.copy(folder.resolve("report.html"), target, StandardCopyOption.REPLACE_EXISTING);
        Reports.under(work).delete(SampleRuns.RUN_ID);
        Files.delete(work);
        System.out.println(target);
    }
}
