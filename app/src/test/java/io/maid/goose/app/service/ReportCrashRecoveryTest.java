package io.maid.goose.app.service;

import io.maid.goose.adapter.persistence.SqliteRunHistory;
import io.maid.goose.adapter.reports.FileRunArtifacts;
import io.maid.goose.app.Composition;
import io.maid.goose.app.flows.FeedFolder;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash while a run's reports are written, over the real SQLite history and report files: the record
 * says pending, and the next start (a new coordinator over the same database and folders) finishes the
 * reports, removes what the writer left, and records which files exist.
 */
class ReportCrashRecoveryTest {
    private static final String RUN = SampleRuns.RUN_ID;
    private static final List<String> ALL = List.of("report.json", "report.csv", "timeline.csv", "report.html");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final CountDownLatch thaw = new CountDownLatch(1);

    private SqliteRunHistory history() {
        SqliteRunHistory h = new SqliteRunHistory(dir.resolve("data/goose.db"), SampleRuns.CODEC);
        open.add(h);
        return h;
    }

    private Path reports() {
        return dir.resolve("reports");
    }

    private RunCoordinator coordinator(EndingEngine engine, SqliteRunHistory history, FileRunArtifacts artifacts) {
        RunCoordinator c = new RunCoordinator(engine, history, artifacts, 100, Clock.systemUTC(),
                Composition.feedResolver(FeedFolder.confinedTo(dir.resolve("feeds"))));
        open.add(c);
        return c;
    }

    private List<String> folder() throws IOException {
        try (Stream<Path> files = Files.list(reports().resolve(RUN))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        thaw.countDown();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aWriterHaltedAfterReportJsonLeavesThePendingRecordThatTheNextStartCompletes() throws Exception {
        RunSummary summary = SampleRuns.summary();
        CountDownLatch halted = new CountDownLatch(1);
        // the writer freezes with report.csv complete under its temporary name: what a kill -9 there leaves
        FileRunArtifacts halting = new FileRunArtifacts(reports(), SampleRuns.CODEC, (temp, name) -> {
            if (name.equals("report.csv")) {
                halted.countDown();
                try {
                    thaw.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the process is gone");
            }
        });
        EndingEngine engine = new EndingEngine();
        RunCoordinator crashing = coordinator(engine, history(), halting);
        crashing.start(new StartRunCommand(summary.config(), RUN));
        engine.end(summary);
        assertTrue(halted.await(30, TimeUnit.SECONDS), "the writer reached report.csv");

        SqliteRunHistory afterCrash = history();
        RunRecord left = afterCrash.find(RUN).map(StoredRun::record).orElseThrow();
        assertEquals(ReportsState.PENDING, left.reportsState(), "the record says the reports were being written");
        assertEquals(List.of(), left.reportFiles());
        List<String> onDisk = folder();
        assertEquals(2, onDisk.size(), onDisk.toString());
        assertTrue(onDisk.get(0).startsWith(".report.csv.") && onDisk.get(0).endsWith(".tmp"), onDisk.toString());
        assertEquals("report.json", onDisk.get(1));

        RunCoordinator restarted = coordinator(new EndingEngine(), afterCrash, new FileRunArtifacts(reports(), SampleRuns.CODEC));
        restarted.recoverReports();
        assertTrue(restarted.drain(30));

        RunRecord recovered = afterCrash.find(RUN).map(StoredRun::record).orElseThrow();
        assertEquals(ReportsState.WRITTEN, recovered.reportsState());
        assertEquals(ALL, recovered.reportFiles());
        assertEquals(List.of("report.csv", "report.html", "report.json", "timeline.csv"), folder(), "no temporary file is left");
        assertTrue(Files.readString(reports().resolve(RUN).resolve("report.html")).contains(RUN));
        assertTrue(Files.readString(reports().resolve(RUN).resolve("report.csv")).contains("Total"));
        assertEquals(summary.total().count(), recovered.totals().requests(), "the run itself was final before the crash");
    }

    /** A restart over a run a crash left pending: a new coordinator recovers its reports; its record after. */
    private RunRecord restartedAfterACrash(RunSummary summary, FileRunArtifacts artifacts) throws InterruptedException {
        SqliteRunHistory history = history();
        history.insert(RunRecord.started(RUN, summary.startedAt(), summary.config()).finished(summary).withReportsPending());
        RunCoordinator restarted = coordinator(new EndingEngine(), history, artifacts);
        restarted.recoverReports();
        assertTrue(restarted.drain(30));
        assertFalse(history.reportsPending().stream().anyMatch(l -> l.runId().equals(RUN)), "nothing is left pending");
        return history.find(RUN).map(StoredRun::record).orElseThrow();
    }

    @Test
    void aPendingRecordWhoseFolderHoldsOnlyReportJsonGetsItsOtherReportsAtTheNextStart() throws Exception {
        RunSummary summary = SampleRuns.summary();
        FileRunArtifacts artifacts = new FileRunArtifacts(reports(), SampleRuns.CODEC);
        artifacts.write(summary, null, EnumSet.of(ReportFormat.JSON));

        RunRecord r = restartedAfterACrash(summary, artifacts);
        assertEquals(ReportsState.WRITTEN, r.reportsState());
        assertEquals(ALL, r.reportFiles());
        assertEquals(null, r.error());
        assertEquals(List.of("report.csv", "report.html", "report.json", "timeline.csv"), folder());
    }

    @Test
    void aPendingRecordWithoutReportJsonIsMarkedFailedNamingWhatIsMissingAndListingWhatExists() throws Exception {
        RunSummary summary = SampleRuns.summary();
        FileRunArtifacts artifacts = new FileRunArtifacts(reports(), SampleRuns.CODEC);
        artifacts.write(summary, null, EnumSet.of(ReportFormat.HTML));
        Files.writeString(reports().resolve(RUN).resolve(".report.json.3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c.tmp"), "{\"half");

        RunRecord r = restartedAfterACrash(summary, artifacts);
        assertEquals(ReportsState.FAILED, r.reportsState());
        assertEquals(List.of("report.html"), r.reportFiles(), "the file that exists is still served");
        assertTrue(r.error().contains("reports incomplete after a crash while they were written"), r.error());
        assertTrue(r.error().contains("the json, csv reports could not be regenerated"), r.error());
        assertTrue(r.error().contains("report.json, which they are regenerated from, is missing"), r.error());
        assertEquals(List.of("report.html"), folder(), "the temporary file is removed");
    }

    @Test
    void aPendingRecordWhoseReportsAllMadeItIsMarkedWrittenAsTheyAre() throws Exception {
        RunSummary summary = SampleRuns.summary();
        FileRunArtifacts artifacts = new FileRunArtifacts(reports(), SampleRuns.CODEC);
        artifacts.write(summary, null);
        long before = Files.getLastModifiedTime(reports().resolve(RUN).resolve("report.html")).toMillis();

        RunRecord r = restartedAfterACrash(summary, artifacts);
        assertEquals(ReportsState.WRITTEN, r.reportsState());
        assertEquals(ALL, r.reportFiles());
        assertEquals(before, Files.getLastModifiedTime(reports().resolve(RUN).resolve("report.html")).toMillis(),
                "nothing is rewritten");
    }

    @Test
    void theServiceFinishesPendingReportsWhenItStarts() throws Exception {
        RunSummary summary = SampleRuns.summary();
        Path db = dir.resolve("data/goose.db");
        try (SqliteRunHistory killed = new SqliteRunHistory(db, Composition.codec())) {
            killed.insert(RunRecord.started(RUN, summary.startedAt(), summary.config()).finished(summary).withReportsPending());
        }
        Composition.artifacts(reports()).write(summary, null, EnumSet.of(ReportFormat.JSON));
        io.maid.goose.app.settings.Settings s = new io.maid.goose.app.settings.SettingsLoader().load(List.of(
                Files.writeString(dir.resolve("settings.json"), """
                        {"server": {"port": 0},
                         "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s"}}
                        """.formatted(db, reports(), dir.resolve("data")))), java.util.Map.of());

        try (ServiceRuntime service = ServiceRuntime.start(s, List.of(), new java.io.PrintStream(
                new java.io.ByteArrayOutputStream()))) {
            assertTrue(service.coordinator().drain(30));
        }

        try (SqliteRunHistory after = new SqliteRunHistory(db, Composition.codec())) {
            RunRecord r = after.find(RUN).map(StoredRun::record).orElseThrow();
            assertEquals(ReportsState.WRITTEN, r.reportsState());
            assertEquals(ALL, r.reportFiles());
        }
    }
}
