package io.maid.goose.testkit;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.ports.out.RunHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private RunHistory history;

    @BeforeEach
    void createHistory() {
        history = newHistory();
    }

    protected static final RunConfig CONFIG = RunConfig.builder("http://127.0.0.1:8080")
            .users(3).hatchRate(1.5).durationSeconds(20).get("root", "/").build();

    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    /** A UUID whose last digits are {@code n}, so ids sort by {@code n}. */
    protected static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    protected static RunRecord running(int n, Instant startedAt) {
        return RunRecord.started(id(n), startedAt, CONFIG);
    }

    protected static RunRecord finished(int n, Instant startedAt) {
        return new RunRecord(id(n), RunState.COMPLETED, RunPhase.COMPLETED, startedAt, startedAt.plusSeconds(25), CONFIG,
                new RunTotals(1234, 5, 49.36, 12.5, 9.75), List.of("report.json", "report.csv"), null,
                AnalysisState.DONE, new Analysis("fine", List.of(new Bottleneck("db", "p99 12.5 ms", "low")), List.of("none")),
                null);
    }

    private static List<String> ids(List<RunRecord> records) {
        return records.stream().map(RunRecord::runId).toList();
    }

    @Test
    void anInsertedRunIsFoundAsInserted() {
        RunRecord r = finished(1, T0);
        history.insert(r);
        assertEquals(Optional.of(r), history.find(id(1)));
    }

    @Test
    void aStartedRunIsFoundAsInserted() {
        RunRecord r = running(1, T0);
        history.insert(r);
        assertEquals(Optional.of(r), history.find(id(1)));
    }

    @Test
    void anUnknownRunIsNotFound() {
        history.insert(running(1, T0));
        assertEquals(Optional.empty(), history.find(id(2)));
    }

    @Test
    void insertingAnExistingIdFailsAndKeepsTheOriginal() {
        RunRecord original = running(1, T0);
        history.insert(original);
        assertThrows(RuntimeException.class, () -> history.insert(finished(1, T0.plusSeconds(5))));
        assertEquals(Optional.of(original), history.find(id(1)));
        assertEquals(1, history.count());
    }

    @Test
    void updateReplacesTheStoredRecord() {
        history.insert(running(1, T0));
        RunRecord inMaintain = running(1, T0).withPhase(RunPhase.MAINTAIN);
        history.update(inMaintain);
        assertEquals(Optional.of(inMaintain), history.find(id(1)));
        RunRecord done = finished(1, T0);
        history.update(done);
        assertEquals(Optional.of(done), history.find(id(1)));
    }

    @Test
    void updatingAnUnknownRunFailsAndInsertsNothing() {
        assertThrows(RuntimeException.class, () -> history.update(running(1, T0)));
        assertEquals(Optional.empty(), history.find(id(1)));
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

        List<RunRecord> marked = history.markInterrupted("interrupted: service stopped");

        assertEquals(List.of(id(1), id(2)), ids(marked).stream().sorted().toList());
        for (String runId : List.of(id(1), id(2))) {
            RunRecord r = history.find(runId).orElseThrow();
            assertEquals(RunState.FAILED, r.state(), runId);
            assertEquals("interrupted: service stopped", r.error(), runId);
        }
        assertEquals(Optional.of(done), history.find(id(3)));
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

        List<RunRecord> marked = history.markAnalysesInterrupted("interrupted: service stopped during the analysis");

        assertEquals(List.of(id(1)), ids(marked));
        RunRecord r = history.find(id(1)).orElseThrow();
        assertEquals(AnalysisState.FAILED, r.analysisState());
        assertEquals("interrupted: service stopped during the analysis", r.analysisError());
        assertEquals(pending.state(), r.state(), "the run's own state is untouched");
        assertEquals(pending.endedAt(), r.endedAt());
        assertEquals(Optional.of(none), history.find(id(2)));
        assertEquals(Optional.of(failedBefore), history.find(id(3)));
        assertTrue(history.markAnalysesInterrupted("again").isEmpty(), "nothing is left to mark");
    }

    @Test
    void retainNewestKeepsTheNewestAndReturnsTheDeleted() {
        for (int i = 1; i <= 5; i++) {
            history.insert(finished(i, T0.plusSeconds(i)));
        }
        List<RunRecord> deleted = history.retainNewest(2);
        assertEquals(List.of(id(1), id(2), id(3)), ids(deleted).stream().sorted().toList());
        assertEquals(2, history.count());
        assertEquals(List.of(id(5), id(4)), ids(history.list(10, 0)));
        assertEquals(Optional.empty(), history.find(id(1)));
    }

    @Test
    void retainNewestWithRoomToSpareDeletesNothing() {
        history.insert(finished(1, T0));
        assertEquals(List.of(), history.retainNewest(5));
        assertEquals(1, history.count());
    }
}
