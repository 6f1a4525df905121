package io.maid.goose.app.service;

import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.testkit.InMemoryRunArtifacts;
import io.maid.goose.testkit.InMemoryRunHistory;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How start-up finishes the reports of runs a crash left pending, and what it records when it cannot. */
class ReportRecoveryTest {
    private static final String RUN = SampleRuns.RUN_ID;
    private final InMemoryRunHistory history = new InMemoryRunHistory();
    private final InMemoryRunArtifacts artifacts = new InMemoryRunArtifacts();
    private final ReportRecovery recovery = new ReportRecovery(history, artifacts);

    private static RunRecord pending(RunSummary s) {
        return RunRecord.started(s.runId(), s.startedAt(), s.config()).finished(s).withReportsPending();
    }

    private RunRecord stored() {
        return history.find(RUN).map(StoredRun::record).orElseThrow();
    }

    @Test
    void theAnalysisOnTheRecordIsWrittenWithTheRegeneratedReports() {
        RunSummary s = SampleRuns.summary();
        history.insert(pending(s).withAnalysis(AnalysisState.DONE, SampleRuns.analysis(), null));
        artifacts.crashWhileWriting(s, "report.csv");

        recovery.recoverAll();

        assertEquals(ReportsState.WRITTEN, stored().reportsState());
        assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html", "analysis.json"),
                stored().reportFiles());
    }

    @Test
    void aRecordWhoseConfigIsOutdatedIsRecoveredWithTheFormatsItsReportJsonNames() {
        RunSummary s = SampleRuns.summary();
        history.insertOutdated(pending(s), "{\"users\":0}", List.of(new ConfigViolation("/users", "must be at least 1")));
        artifacts.crashWhileWriting(s, "report.json");

        recovery.recoverAll();

        assertEquals(ReportsState.WRITTEN, stored().reportsState());
        assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html"), stored().reportFiles());
    }

    @Test
    void aRecordWhoseConfigIsOutdatedAndWhoseReportJsonIsGoneIsFailedSayingWhy() {
        RunSummary s = SampleRuns.summary();
        history.insertOutdated(pending(s), "{\"users\":0}", List.of(new ConfigViolation("/users", "must be at least 1")));

        recovery.recoverAll();

        assertEquals(ReportsState.FAILED, stored().reportsState());
        assertTrue(stored().error().contains("its config is outdated and report.json"), stored().error());
        assertTrue(stored().error().endsWith("is missing"), stored().error());
    }

    @Test
    void aRegenerationThatFailsIsRecordedWithTheFilesThatExist() {
        RunSummary s = SampleRuns.summary();
        history.insert(pending(s));
        artifacts.crashWhileWriting(s, "report.json");
        artifacts.failWritesOf("report.html");

        recovery.recoverAll();

        assertEquals(ReportsState.FAILED, stored().reportsState());
        assertEquals(List.of("report.json", "report.csv", "timeline.csv"), stored().reportFiles());
        assertTrue(stored().error().contains("regenerating the csv, html reports failed: cannot write report.html"),
                stored().error());
    }

    @Test
    void theRunsOwnErrorIsKeptBeforeTheReportsOne() {
        RunSummary s = SampleRuns.summary();
        history.insert(pending(s).withState(s.state(), s.endedAt(), "internal error while summarising"));

        recovery.recoverAll();

        assertTrue(stored().error().startsWith("internal error while summarising; reports incomplete after a crash"),
                stored().error());
    }

    @Test
    void runsWhoseReportsAreNotPendingAreLeftAlone() {
        RunSummary s = SampleRuns.summary();
        RunRecord written = pending(s).withReports(ReportsState.WRITTEN, List.of("report.json"), null);
        history.insert(written);

        recovery.recoverAll();

        assertEquals(written, stored());
    }
}
