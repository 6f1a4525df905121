package io.maid.goose.app.service;

import io.maid.goose.app.Composition;
import io.maid.goose.app.flows.FeedFolder;
import io.maid.goose.app.flows.FeedResolver;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.InMemoryRunArtifacts;
import io.maid.goose.testkit.InMemoryRunHistory;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the run coordinator records about a finished run's reports, and what retention does with them. */
class RunCoordinatorReportsTest {
    /** These runs read no CSV feeders; a folder that is never looked into. */
    private static final FeedResolver NO_FEEDS = Composition.feedResolver(FeedFolder.confinedTo(java.nio.file.Path.of("target", "no-feeds")));
    private static final List<String> ALL = List.of("report.json", "report.csv", "timeline.csv", "report.html");
    private final InMemoryRunHistory history = new InMemoryRunHistory();
    private final InMemoryRunArtifacts artifacts = new InMemoryRunArtifacts();
    private EndingEngine engine = new EndingEngine();
    private RunCoordinator coordinator = new RunCoordinator(engine, history, artifacts, 100, Clock.systemUTC(), NO_FEEDS);

    @AfterEach
    void close() {
        coordinator.close();
    }

    private RunRecord finish(RunSummary summary) throws InterruptedException {
        coordinator.start(new StartRunCommand(summary.config(), summary.runId()));
        engine.end(summary);
        assertTrue(coordinator.drain(30));
        return history.find(summary.runId()).map(StoredRun::record).orElseThrow();
    }

    @Test
    void theReportsOfAFinishedRunAreWrittenAndTheRecordSaysSo() throws InterruptedException {
        RunRecord r = finish(SampleRuns.summary());

        assertEquals(ReportsState.WRITTEN, r.reportsState());
        assertEquals(ALL, r.reportFiles());
        assertEquals(ALL, artifacts.list(SampleRuns.RUN_ID));
        assertEquals(null, r.error());
    }

    @Test
    void aRunWithoutReportFormatsHasItsReportsWrittenAsNone() throws InterruptedException {
        RunRecord r = finish(SampleRuns.summary(SampleRuns.config(new ReportsSpec(List.of()))));

        assertEquals(ReportsState.WRITTEN, r.reportsState());
        assertEquals(List.of(), r.reportFiles());
    }

    @Test
    void aReportThatCannotBeWrittenFailsTheReportsListingTheFilesThatExistAndWhy() throws InterruptedException {
        artifacts.failWritesOf("report.html");

        RunRecord r = finish(SampleRuns.summary());

        assertEquals(ReportsState.FAILED, r.reportsState());
        assertEquals(List.of("report.json", "report.csv", "timeline.csv"), r.reportFiles());
        assertTrue(r.error().startsWith("report writing failed: cannot write report.html"), r.error());
        assertTrue(r.error().contains("no space left on device"), r.error());
    }

    @Test
    void retentionDeletesTheReportsOfTheRunsItDrops() throws InterruptedException {
        coordinator.close();
        engine = new EndingEngine();
        coordinator = new RunCoordinator(engine, history, artifacts, 1, Clock.systemUTC(), NO_FEEDS);
        RunSummary older = SampleRuns.withRunId(SampleRuns.summary(ReportFormat.JSON), "00000000-0000-4000-8000-000000000001");
        finish(older);
        RunSummary newer = SampleRuns.withRunId(SampleRuns.summary(ReportFormat.JSON), "00000000-0000-4000-8000-000000000002");
        // the sample runs share a start time; the run id orders them
        finish(newer);

        assertEquals(List.of(), artifacts.list(older.runId()));
        assertEquals(List.of("report.json"), artifacts.list(newer.runId()));
        assertEquals(1, history.count());
    }
}
