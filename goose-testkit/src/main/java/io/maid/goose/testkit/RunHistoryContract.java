package io.maid.goose.testkit;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.out.RunHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link RunHistory} must show. Subclass it once per implementation and return a
 * fresh, empty history from {@link #newHistory()}; each test gets its own.
 *
 * <p>Fixtures use millisecond-precision instants and UUID run ids, so stores that keep milliseconds or
 * check id shapes are held to exactly what they can represent.
 */
public abstract class RunHistoryContract {
    /** A fresh, empty history. */
    protected abstract RunHistory newHistory();

    /**
     * Stores {@code record} in {@code history} as an older build would have left it, with
     * {@code storedConfig} (which today's rules reject, see {@link #OUTDATED_CONFIG}) in place of its config.
     */
    protected abstract void storeOutdated(RunHistory history, RunRecord record, String storedConfig);

    private RunHistory history;

    @BeforeEach
    void createHistory() {
        history = newHistory();
    }

    protected static final RunConfig CONFIG = RunConfig.builder("http://127.0.0.1:8080")
            .users(3).hatchRate(1.5).durationSeconds(20).get("root", "/").build();

    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    /** A config in the wire format that today's rules reject ({@code users} must be at least 1). */
    protected static final String OUTDATED_CONFIG = "{\"target_base_url\":\"http://127.0.0.1:8080\",\"users\":0,"
            + "\"hatch_rate\":1.5,\"duration\":{\"seconds\":20},\"scenarios\":[{\"name\":\"s\",\"transactions\":["
            + "{\"name\":\"root\",\"request\":{\"method\":\"GET\",\"path\":\"/\"}}]}]}";

    /** A UUID whose last digits are {@code n}, so ids sort by {@code n}. */
    protected static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    protected static RunRecord running(int n, Instant startedAt) {
        return RunRecord.started(id(n), startedAt, CONFIG);
    }

    protected static RunRecord finished(int n, Instant startedAt) {
        return new RunRecord(id(n), RunState.COMPLETED, RunPhase.COMPLETED, startedAt, startedAt.plusSeconds(25), CONFIG,
                new RunTotals(1234, 5, 49.36, 12.5, 9.75), List.of("report.json", "report.csv"), ReportsState.WRITTEN, null,
                AnalysisState.DONE, new Analysis("fine", List.of(new Bottleneck("db", "p99 12.5 ms", "low")), List.of("none")),
                null);
    }

    private static List<String> ids(List<RunListing> listings) {
        return listings.stream().map(RunListing::runId).toList();
    }

    /** The stored record of run {@code n}, its config as decoded. */
    private Optional<RunRecord> found(int n) {
        return history.find(id(n)).map(StoredRun::record);
    }

    @Test
    void anInsertedRunIsFoundAsInserted() {
        RunRecord r = finished(1, T0);
        history.insert(r);
        assertEquals(Optional.of(r), found(1));
    }

    @Test
    void aStartedRunIsFoundAsInserted() {
        RunRecord r = running(1, T0);
        history.insert(r);
        assertEquals(Optional.of(r), found(1));
    }

    @Test
    void anUnknownRunIsNotFound() {
        history.insert(running(1, T0));
        assertEquals(Optional.empty(), found(2));
    }

    @Test
    void insertingAnExistingIdFailsAndKeepsTheOriginal() {
        RunRecord original = running(1, T0);
        history.insert(original);
        assertThrows(RuntimeException.class, () -> history.insert(finished(1, T0.plusSeconds(5))));
        assertEquals(Optional.of(original), found(1));
        assertEquals(1, history.count());
    }

    @Test
    void updateReplacesTheStoredRecord() {
        history.insert(running(1, T0));
        RunRecord inMaintain = running(1, T0).withPhase(RunPhase.MAINTAIN);
        history.update(inMaintain);
        assertEquals(Optional.of(inMaintain), found(1));
        RunRecord done = finished(1, T0);
        history.update(done);
        assertEquals(Optional.of(done), found(1));
    }

    @Test
    void updatingAnUnknownRunFailsAndInsertsNothing() {
        assertThrows(RuntimeException.class, () -> history.update(running(1, T0)));
        assertEquals(Optional.empty(), found(1));
        assertEquals(0, history.count());
    }

    @Test
    void countCountsStoredRuns() {
        assertEquals(0, history.count());
        history.insert(running(1, T0));
        history.insert(finished(2, T0.plusSeconds(1)));
        assertEquals(2, history.count());
    }

    @Test
    void listIsNewestFirstByStartTime() {
        history.insert(finished(1, T0.plusSeconds(10)));
        history.insert(finished(2, T0));
        history.insert(finished(3, T0.plusSeconds(20)));
        assertEquals(List.of(id(3), id(1), id(2)), ids(history.list(10, 0)));
    }

    @Test
    void runsStartedAtTheSameInstantAreListedByRunIdDescending() {
        history.insert(finished(1, T0));
        history.insert(finished(3, T0));
        history.insert(finished(2, T0));
        assertEquals(List.of(id(3), id(2), id(1)), ids(history.list(10, 0)));
    }

    @Test
    void listPagesWithLimitAndOffset() {
        for (int i = 1; i <= 5; i++) {
            history.insert(finished(i, T0.plusSeconds(i)));
        }
        assertEquals(List.of(id(5), id(4)), ids(history.list(2, 0)));
        assertEquals(List.of(id(3), id(2)), ids(history.list(2, 2)));
        assertEquals(List.of(id(1)), ids(history.list(2, 4)));
        assertEquals(List.of(), history.list(2, 5));
    }

    @Test
    void markInterruptedFailsRunningAndPendingRunsOnly() {
        history.insert(running(1, T0));
        RunRecord pending = running(2, T0.plusSeconds(1)).withState(RunState.PENDING, null, null);
        history.insert(pending);
        RunRecord done = finished(3, T0.plusSeconds(2));
        history.insert(done);

        List<RunListing> marked = history.markInterrupted("interrupted: service stopped");

        assertEquals(List.of(id(1), id(2)), ids(marked).stream().sorted().toList());
        for (String runId : List.of(id(1), id(2))) {
            RunRecord r = history.find(runId).orElseThrow().record();
            assertEquals(RunState.FAILED, r.state(), runId);
            assertEquals("interrupted: service stopped", r.error(), runId);
        }
        assertEquals(Optional.of(done), found(3));
        assertTrue(history.markInterrupted("again").isEmpty(), "nothing is left to mark");
    }

    @Test
    void markAnalysesInterruptedFailsPendingAnalysesOnlyAndLeavesTheRunsAlone() {
        RunRecord pending = finished(1, T0).withAnalysis(AnalysisState.PENDING, null, null);
        history.insert(pending);
        RunRecord none = finished(2, T0.plusSeconds(1));
        history.insert(none);
        RunRecord failedBefore = finished(3, T0.plusSeconds(2)).withAnalysis(AnalysisState.FAILED, null, "model refused");
        history.insert(failedBefore);

        List<RunListing> marked = history.markAnalysesInterrupted("interrupted: service stopped during the analysis");

        assertEquals(List.of(id(1)), ids(marked));
        RunRecord r = found(1).orElseThrow();
        assertEquals(AnalysisState.FAILED, r.analysisState());
        assertEquals("interrupted: service stopped during the analysis", r.analysisError());
        assertEquals(pending.state(), r.state(), "the run's own state is untouched");
        assertEquals(pending.endedAt(), r.endedAt());
        assertEquals(Optional.of(none), found(2));
        assertEquals(Optional.of(failedBefore), found(3));
        assertTrue(history.markAnalysesInterrupted("again").isEmpty(), "nothing is left to mark");
    }

    @Test
    void retainNewestKeepsTheNewestAndReturnsTheDeleted() {
        for (int i = 1; i <= 5; i++) {
            history.insert(finished(i, T0.plusSeconds(i)));
        }
        List<RunListing> deleted = history.retainNewest(2);
        assertEquals(List.of(id(1), id(2), id(3)), ids(deleted).stream().sorted().toList());
        assertEquals(2, history.count());
        assertEquals(List.of(id(5), id(4)), ids(history.list(10, 0)));
        assertEquals(Optional.empty(), found(1));
    }

    @Test
    void retainNewestWithRoomToSpareDeletesNothing() {
        history.insert(finished(1, T0));
        assertEquals(List.of(), history.retainNewest(5));
        assertEquals(1, history.count());
    }

    @Test
    void aListingShowsTheRecordsColumnsWithoutItsConfig() {
        RunRecord r = finished(1, T0);
        history.insert(r);
        RunListing listed = history.list(10, 0).get(0);
        assertEquals(RunListing.of(r), listed);
        assertEquals(3, listed.users());
        assertEquals("http://127.0.0.1:8080", listed.target());
        assertEquals(new RunTotals(1234, 5, 49.36, 12.5, 9.75), listed.totals());
        assertFalse(listed.configOutdated());
    }

    @Test
    void markInterruptedReturnsTheRunsAsTheyAreNow() {
        history.insert(running(1, T0));
        RunListing marked = history.markInterrupted("interrupted").get(0);
        assertEquals(RunState.FAILED, marked.state());
        assertEquals("interrupted", marked.error());
        assertEquals(RunListing.of(found(1).orElseThrow()), marked);
    }

    @Test
    void aStoredConfigThatTodaysRulesRejectIsListedAsOutdatedAndTheListStillAnswers() {
        storeOutdated(history, finished(1, T0), OUTDATED_CONFIG);
        history.insert(finished(2, T0.plusSeconds(1)));
        List<RunListing> page = history.list(10, 0);
        assertEquals(List.of(id(2), id(1)), ids(page));
        assertFalse(page.get(0).configOutdated());
        RunListing outdated = page.get(1);
        assertTrue(outdated.configOutdated());
        assertEquals(RunState.COMPLETED, outdated.state());
        assertEquals(new RunTotals(1234, 5, 49.36, 12.5, 9.75), outdated.totals());
        assertEquals(List.of("report.json", "report.csv"), outdated.reportFiles());
        assertEquals(2, history.count());
    }

    @Test
    void findReturnsAnOutdatedConfigAsStoredWithTodaysViolations() {
        RunRecord r = finished(1, T0);
        storeOutdated(history, r, OUTDATED_CONFIG);
        StoredRun stored = history.find(id(1)).orElseThrow();
        assertTrue(stored.configOutdated());
        assertNull(stored.record().config());
        assertEquals(OUTDATED_CONFIG, stored.storedConfig());
        assertFalse(stored.configViolations().isEmpty());
        assertEquals(r.totals(), stored.record().totals());
        assertEquals(r.analysis(), stored.record().analysis());
        assertEquals(r.state(), stored.record().state());
    }

    @Test
    void aCurrentConfigComesBackWithoutStoredTextOrViolations() {
        history.insert(finished(1, T0));
        StoredRun stored = history.find(id(1)).orElseThrow();
        assertFalse(stored.configOutdated());
        assertNull(stored.storedConfig());
        assertEquals(List.of(), stored.configViolations());
    }

    @Test
    void updatingARecordReadBackOutdatedKeepsTheStoredConfig() {
        storeOutdated(history, finished(1, T0), OUTDATED_CONFIG);
        RunRecord read = history.find(id(1)).orElseThrow().record();
        history.update(read.withAnalysis(AnalysisState.FAILED, null, "model refused"));
        StoredRun after = history.find(id(1)).orElseThrow();
        assertTrue(after.configOutdated());
        assertEquals(OUTDATED_CONFIG, after.storedConfig());
        assertEquals("model refused", after.record().analysisError());
        assertTrue(history.list(10, 0).get(0).configOutdated());
    }

    @Test
    void aRunningRunWhoseConfigIsOutdatedIsStillMarkedInterrupted() {
        storeOutdated(history, running(1, T0), OUTDATED_CONFIG);
        assertEquals(List.of(id(1)), ids(history.markInterrupted("interrupted")));
        StoredRun after = history.find(id(1)).orElseThrow();
        assertEquals(RunState.FAILED, after.record().state());
        assertEquals(OUTDATED_CONFIG, after.storedConfig());
    }

    @Test
    void everyReportsStateIsStoredFoundAndListed() {
        history.insert(finished(1, T0));
        for (ReportsState state : ReportsState.values()) {
            RunRecord r = finished(1, T0).withReports(state, List.of("report.json"), "why: " + state.wireName());
            history.update(r);
            assertEquals(Optional.of(r), found(1), state.wireName());
            assertEquals(state, history.list(1, 0).get(0).reportsState(), state.wireName());
        }
    }

    @Test
    void reportsPendingListsOnlyRunsWhoseReportsArePendingOldestFirst() {
        history.insert(finished(1, T0.plusSeconds(20)).withReportsPending());
        history.insert(finished(2, T0.plusSeconds(10)));
        history.insert(finished(3, T0).withReportsPending());
        history.insert(running(4, T0.plusSeconds(30)));
        history.insert(finished(5, T0.plusSeconds(40)).withReports(ReportsState.FAILED, List.of(), "disk full"));

        List<RunListing> pending = history.reportsPending();

        assertEquals(List.of(id(3), id(1)), ids(pending));
        assertEquals(RunListing.of(found(3).orElseThrow()), pending.get(0));
        history.update(found(3).orElseThrow().withReports(ReportsState.WRITTEN, List.of("report.json"), null));
        assertEquals(List.of(id(1)), ids(history.reportsPending()));
    }

    @Test
    void insertingARecordWithoutAConfigFails() {
        RunRecord noConfig = RunRecord.started(id(1), T0, null);
        assertThrows(RuntimeException.class, () -> history.insert(noConfig));
        assertEquals(0, history.count());
    }

    @Test
    void aFinishedRunKeepsItsVerdictAndARunningOneHasNone() {
        VerdictHistoryContract.verdictsAreKept(history, finished(1, T0), finished(2, T0.plusSeconds(60)),
                running(3, T0.plusSeconds(120)));
    }

    @Test
    void listAndCountFilterByVerdict() {
        VerdictHistoryContract.listAndCountFilterByVerdict(history, finished(1, T0), finished(2, T0.plusSeconds(60)),
                running(3, T0.plusSeconds(120)));
    }

    @Test
    void aRunMarkedInterruptedHasFailed() {
        VerdictHistoryContract.anInterruptedRunFails(history, running(1, T0));
    }
}
