package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileRunReportWriterTest {
    @TempDir
    Path dir;

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void allFormatsAreWrittenAndNamedInAStableOrder() throws IOException {
        List<String> written = SampleRuns.writer().write(SampleRuns.summary(), null, dir);

        assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html"), written);
        assertEquals(List.of("report.csv", "report.html", "report.json", "timeline.csv"), listing(dir));
    }

    @Test
    void theConfiguredOrderOfFormatsDoesNotChangeTheReturnedOrder() {
        List<String> written = SampleRuns.writer()
                .write(SampleRuns.summary(ReportFormat.HTML, ReportFormat.JSON), null, dir);

        assertEquals(List.of("report.json", "report.html"), written);
    }

    @Test
    void givenAnAnalysis_thenAnalysisJsonIsWrittenLastAndHoldsIt() throws IOException {
        Analysis analysis = SampleRuns.analysis();
        List<String> written = SampleRuns.writer().write(SampleRuns.summary(ReportFormat.HTML), analysis, dir);
        assertEquals(List.of("report.html", "analysis.json"), written);
        var json = new ObjectMapper().readTree(dir.resolve("analysis.json").toFile());
        assertEquals(SampleRuns.summary().runId(), json.get("run_id").asText());
        assertEquals(analysis.summary(), json.at("/analysis/summary").asText());
        assertEquals(analysis.bottlenecks().size(), json.at("/analysis/bottlenecks").size());
        assertTrue(Files.readString(dir.resolve("report.html")).contains(analysis.bottlenecks().get(0).title().replace("<", "&lt;")));
    }

    @Test
    void withoutAnAnalysis_thenNoAnalysisJsonIsWritten() {
        SampleRuns.writer().write(SampleRuns.summary(ReportFormat.JSON), null, dir);
        assertFalse(Files.exists(dir.resolve("analysis.json")));
    }

    @Test
    void onlyTheConfiguredFormatsAreWritten() throws IOException {
        List<String> written = SampleRuns.writer().write(SampleRuns.summary(ReportFormat.CSV), null, dir);

        assertEquals(List.of("report.csv", "timeline.csv"), written);
        assertEquals(List.of("report.csv", "timeline.csv"), listing(dir));
    }

    @Test
    void aMissingDirectoryIsCreated() {
        Path nested = dir.resolve("reports").resolve(SampleRuns.RUN_ID);

        SampleRuns.writer().write(SampleRuns.summary(ReportFormat.JSON), null, nested);

        assertTrue(Files.isRegularFile(nested.resolve("report.json")));
    }

    @Test
    void anExistingReportIsReplacedWhole() throws IOException {
        Files.writeString(dir.resolve("report.json"), "x".repeat(1_000_000));

        SampleRuns.writer().write(SampleRuns.summary(ReportFormat.JSON), null, dir);

        new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals(List.of("report.json"), listing(dir));
    }

    @Test
    void givenAFileThatCannotBeRenamedIntoPlace_thenEarlierFilesStayValidAndNoTempFileRemains() throws IOException {
        // A non-empty directory under the final name makes the atomic rename fail, even for root.
        Path blocker = Files.createDirectories(dir.resolve("report.html"));
        Files.writeString(blocker.resolve("keep"), "occupied");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> SampleRuns.writer().write(SampleRuns.summary(), null, dir));

        assertTrue(e.getMessage().contains("report.html"), e.getMessage());
        assertTrue(e.getMessage().contains("report.json, report.csv, timeline.csv"), e.getMessage());
        assertEquals(List.of("report.csv", "report.html", "report.json", "timeline.csv"), listing(dir));
        assertEquals(List.of("keep"), listing(blocker));
        new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertTrue(Files.readString(dir.resolve("report.csv")).contains("Total"));
    }

    @Test
    void givenARendererThatFailsMidWrite_thenNothingAppearsUnderItsNameAndEarlierFilesStay() throws IOException {
        ReportFile failing = new ReportFile() {
            @Override
            public String fileName() {
                return "report.html";
            }

            @Override
            public void render(RunSummary summary, Analysis analysis, OutputStream out) throws IOException {
                out.write("<!DOCTYPE html><html><body>half a report".getBytes(StandardCharsets.UTF_8));
                out.flush();
                throw new IllegalStateException("template blew up");
            }
        };
        FileRunReportWriter writer = new FileRunReportWriter(Map.of(
                ReportFormat.JSON, List.of(new JsonReport(SampleRuns.CODEC)),
                ReportFormat.CSV, List.of(new StatsCsvReport(), new TimelineCsvReport()),
                ReportFormat.HTML, List.of(failing)));

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> writer.write(SampleRuns.summary(), null, dir));

        assertTrue(e.getMessage().contains("template blew up"), e.getMessage());
        assertEquals(List.of("report.csv", "report.json", "timeline.csv"), listing(dir));
        new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void givenAFailureWhileReplacingAReport_thenThePreviousReportIsUntouched() throws IOException {
        byte[] previous = "{\"previous\":true}".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("report.json"), previous);
        ReportFile failing = new ReportFile() {
            @Override
            public String fileName() {
                return "report.json";
            }

            @Override
            public void render(RunSummary summary, Analysis analysis, OutputStream out) throws IOException {
                out.write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk full");
            }
        };
        FileRunReportWriter writer = new FileRunReportWriter(Map.of(ReportFormat.JSON, List.of(failing)));

        assertThrows(UncheckedIOException.class, () -> writer.write(SampleRuns.summary(ReportFormat.JSON), null, dir));

        assertArrayEquals(previous, Files.readAllBytes(dir.resolve("report.json")));
        assertEquals(List.of("report.json"), listing(dir));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAnUncheckedIoException() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThrows(UncheckedIOException.class,
                () -> SampleRuns.writer().write(SampleRuns.summary(), null, file.resolve("run")));
        assertFalse(Files.isDirectory(file));
    }
}
