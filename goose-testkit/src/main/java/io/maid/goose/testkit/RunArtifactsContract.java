package io.maid.goose.testkit;

import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.out.ArtifactFile;
import io.maid.goose.ports.out.ArtifactRecovery;
import io.maid.goose.ports.out.RunArtifacts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link RunArtifacts} must show. Subclass it once per implementation; each test gets a
 * fresh, empty store from {@link #newArtifacts()}. Fixtures come from {@link SampleRuns}.
 */
public abstract class RunArtifactsContract {
    private static final List<String> ALL = List.of("report.json", "report.csv", "timeline.csv", "report.html");

    /** A fresh, empty store. */
    protected abstract RunArtifacts newArtifacts();

    /**
     * Leaves {@code summary}'s run in {@code artifacts} as a process killed while writing its reports would:
     * its files up to and including {@code lastCompleteFile} complete, the next one only as a temporary file.
     */
    protected abstract void crashWhileWriting(RunArtifacts artifacts, RunSummary summary, String lastCompleteFile)
            throws Exception;

    /** The store a restarted process sees over what {@code crashed} left (the same one, for a store in memory). */
    protected abstract RunArtifacts restarted(RunArtifacts crashed);

    private RunArtifacts artifacts;

    @BeforeEach
    void createArtifacts() {
        artifacts = newArtifacts();
    }

    private static final String RUN = SampleRuns.RUN_ID;

    @Test
    void everyConfiguredFormatIsWrittenInAStableOrderAndListed() {
        assertEquals(ALL, artifacts.write(SampleRuns.summary(), null));
        assertEquals(ALL, artifacts.list(RUN));
    }

    @Test
    void theConfiguredOrderOfFormatsDoesNotChangeTheOrderWritten() {
        assertEquals(List.of("report.json", "report.html"),
                artifacts.write(SampleRuns.summary(ReportFormat.HTML, ReportFormat.JSON), null));
    }

    @Test
    void onlyTheGivenFormatsAreWritten() {
        assertEquals(List.of("report.csv", "timeline.csv"),
                artifacts.write(SampleRuns.summary(), null, EnumSet.of(ReportFormat.CSV)));
        assertEquals(List.of("report.csv", "timeline.csv"), artifacts.list(RUN));
    }

    @Test
    void anAnalysisAddsAnalysisJsonLast() {
        assertEquals(List.of("report.html", "analysis.json"),
                artifacts.write(SampleRuns.summary(ReportFormat.HTML), SampleRuns.analysis()));
        assertEquals(List.of("report.html", "analysis.json"), artifacts.list(RUN));
    }

    @Test
    void writingAgainAddsToAndReplacesTheFiles() {
        artifacts.write(SampleRuns.summary(ReportFormat.JSON), null);
        artifacts.write(SampleRuns.summary(), SampleRuns.analysis());
        assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html", "analysis.json"),
                artifacts.list(RUN));
    }

    @Test
    void theSummaryReadBackEqualsTheSummaryWritten() {
        RunSummary written = SampleRuns.summary();
        artifacts.write(written, SampleRuns.analysis());
        assertEquals(Optional.of(written), artifacts.readSummary(RUN));
    }

    @Test
    void anOpenModelRunsPlanAndDroppedIterationsAreReadBack() {
        RunSummary written = SampleRuns.openModel(SampleRuns.summary());
        artifacts.write(written, null);

        RunSummary read = artifacts.readSummary(RUN).orElseThrow();
        assertEquals(written, read);
        assertEquals(written.droppedIterations(), read.droppedIterations());
    }

    @Test
    void aRunsTlsHandshakesAreReadBack() {
        RunSummary written = SampleRuns.overHttps(SampleRuns.summary());
        artifacts.write(written, null);

        assertEquals(SampleRuns.HANDSHAKES, artifacts.readSummary(RUN).orElseThrow().tlsHandshakes());
    }

    @Test
    void aRunWithoutReportJsonHasNoSummaryToRead() {
        artifacts.write(SampleRuns.summary(ReportFormat.CSV, ReportFormat.HTML), null);
        assertEquals(Optional.empty(), artifacts.readSummary(RUN));
        assertEquals(Optional.empty(), artifacts.readSummary("00000000-0000-4000-8000-000000000001"));
    }

    @Test
    void aRunWithoutFilesListsNothing() {
        assertEquals(List.of(), artifacts.list("00000000-0000-4000-8000-000000000001"));
    }

    @Test
    void everyListedFileOpensWithExactlyItsSize() throws IOException {
        artifacts.write(SampleRuns.summary(), SampleRuns.analysis());
        for (String name : artifacts.list(RUN)) {
            try (ArtifactFile file = artifacts.open(RUN, name).orElseThrow(() -> new AssertionError(name + " opens"))) {
                assertEquals(name, file.name());
                byte[] bytes = file.content().readAllBytes();
                assertEquals(file.size(), bytes.length, name);
                assertTrue(bytes.length > 0, name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "../report.json", ".report.json", "", "REPORT.JSON", "report.json/"})
    void aNameThisPortDoesNotWriteNeverOpens(String name) {
        artifacts.write(SampleRuns.summary(), null);
        assertEquals(Optional.empty(), artifacts.open(RUN, name));
    }

    @Test
    void aFileNotWrittenDoesNotOpen() {
        artifacts.write(SampleRuns.summary(ReportFormat.JSON), null);
        assertEquals(Optional.empty(), artifacts.open(RUN, "report.html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "a/b", "../" + SampleRuns.RUN_ID, "a\\b", ".hidden"})
    void aRunIdThatCannotNameARunIsRefused(String runId) {
        assertThrows(IllegalArgumentException.class, () -> artifacts.list(runId));
        assertThrows(IllegalArgumentException.class, () -> artifacts.open(runId, "report.json"));
        assertThrows(IllegalArgumentException.class, () -> artifacts.delete(runId));
        assertThrows(IllegalArgumentException.class, () -> artifacts.readSummary(runId));
    }

    @Test
    void deleteRemovesEveryFileOfTheRunAndNoOther() {
        artifacts.write(SampleRuns.summary(), SampleRuns.analysis());
        RunSummary other = SampleRuns.withRunId(SampleRuns.summary(ReportFormat.JSON), "00000000-0000-4000-8000-000000000002");
        artifacts.write(other, null);

        artifacts.delete(RUN);

        assertEquals(List.of(), artifacts.list(RUN));
        assertEquals(Optional.empty(), artifacts.readSummary(RUN));
        assertEquals(List.of("report.json"), artifacts.list(other.runId()));
    }

    @Test
    void deletingARunWithoutFilesChangesNothing() {
        artifacts.delete("00000000-0000-4000-8000-000000000003");
        assertEquals(List.of(), artifacts.list("00000000-0000-4000-8000-000000000003"));
    }

    @Test
    void afterACrashRecoveryRemovesTheTemporaryFileAndNamesTheMissingFormats() throws Exception {
        RunSummary summary = SampleRuns.summary();
        crashWhileWriting(artifacts, summary, "report.json");
        RunArtifacts after = restarted(artifacts);

        ArtifactRecovery found = after.recover(RUN, summary.config().reports());

        assertEquals(1, found.removedTemporaryFiles().size(), found.toString());
        assertTrue(found.removedTemporaryFiles().get(0).contains("report.csv"), found.toString());
        assertEquals(List.of("report.json"), found.files());
        assertEquals(Set.of(ReportFormat.CSV, ReportFormat.HTML), found.missingFormats());
        assertFalse(found.complete());
        assertEquals(List.of(), after.recover(RUN, summary.config().reports()).removedTemporaryFiles(),
                "the temporary file is gone");
        assertEquals(Optional.of(summary), after.readSummary(RUN), "report.json survived whole");
    }

    @Test
    void regeneratingTheMissingFormatsCompletesTheRun() throws Exception {
        RunSummary summary = SampleRuns.summary();
        crashWhileWriting(artifacts, summary, "timeline.csv");
        RunArtifacts after = restarted(artifacts);
        ArtifactRecovery found = after.recover(RUN, summary.config().reports());
        assertEquals(Set.of(ReportFormat.HTML), found.missingFormats());

        RunSummary read = after.readSummary(RUN).orElseThrow();
        assertEquals(List.of("report.html"), after.write(read, null, found.missingFormats()));

        assertTrue(after.recover(RUN, summary.config().reports()).complete());
        assertEquals(ALL, after.list(RUN));
    }

    @Test
    void aCompleteRunRecoversWithNothingMissingOrRemoved() {
        artifacts.write(SampleRuns.summary(), null);
        ArtifactRecovery found = artifacts.recover(RUN, ReportsSpec.all());
        assertEquals(new ArtifactRecovery(List.of(), ALL, Set.of()), found);
        assertTrue(found.complete());
    }

    @Test
    void aRunWithoutFilesRecoversWithEveryExpectedFormatMissing() {
        ArtifactRecovery found = artifacts.recover(RUN, new ReportsSpec(List.of(ReportFormat.HTML, ReportFormat.JSON)));
        assertEquals(new ArtifactRecovery(List.of(), List.of(), Set.of(ReportFormat.JSON, ReportFormat.HTML)), found);
    }

    @Test
    void theLocationNamesTheRun() {
        assertTrue(artifacts.location(RUN).contains(RUN), artifacts.location(RUN));
    }
}
