package io.maid.goose.testkit;

import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.threshold.Verdict;
import io.maid.goose.ports.out.RunHistory;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The verdict part of the {@link RunHistory} contract: a finished run's verdict is kept on its record and its
 * listing, a running one has none, an interrupted one failed, and {@code list}/{@code count} filter by it.
 * {@link RunHistoryContract} runs these against every history with its own fixtures.
 */
final class VerdictHistoryContract {
    private VerdictHistoryContract() {
    }

    /** {@code r} with {@code verdict}. */
    static RunRecord withVerdict(RunRecord r, Verdict verdict) {
        return new RunRecord(r.runId(), r.state(), r.phase(), r.startedAt(), r.endedAt(), r.config(), r.totals(),
                r.reportFiles(), r.reportsState(), r.error(), r.analysisState(), r.analysis(), r.analysisError(), verdict);
    }

    static void verdictsAreKept(RunHistory history, RunRecord passed, RunRecord failed, RunRecord running) {
        history.insert(withVerdict(passed, Verdict.PASSED));
        history.insert(withVerdict(failed, Verdict.FAILED));
        history.insert(running);

        assertEquals(Verdict.PASSED, history.find(passed.runId()).map(StoredRun::record).orElseThrow().verdict());
        assertEquals(Verdict.FAILED, history.find(failed.runId()).map(StoredRun::record).orElseThrow().verdict());
        assertNull(history.find(running.runId()).map(StoredRun::record).orElseThrow().verdict());
        assertEquals(Arrays.asList(null, Verdict.FAILED, Verdict.PASSED),
                history.list(10, 0).stream().map(RunListing::verdict).toList(), "newest first");
    }

    static void listAndCountFilterByVerdict(RunHistory history, RunRecord passed, RunRecord failed, RunRecord running) {
        history.insert(withVerdict(passed, Verdict.PASSED));
        history.insert(withVerdict(failed, Verdict.FAILED));
        history.insert(running);

        assertEquals(List.of(failed.runId()), ids(history.list(10, 0, Verdict.FAILED)));
        assertEquals(List.of(passed.runId()), ids(history.list(10, 0, Verdict.PASSED)));
        assertEquals(List.of(), ids(history.list(10, 1, Verdict.PASSED)));
        assertEquals(3, history.list(10, 0, null).size());
        assertEquals(1, history.count(Verdict.FAILED));
        assertEquals(1, history.count(Verdict.PASSED));
        assertEquals(3, history.count(null));
    }

    static void anInterruptedRunFails(RunHistory history, RunRecord running) {
        history.insert(running);

        List<RunListing> marked = history.markInterrupted("interrupted");

        assertEquals(Verdict.FAILED, marked.get(0).verdict());
        RunRecord now = history.find(running.runId()).map(StoredRun::record).orElseThrow();
        assertEquals(RunState.FAILED, now.state());
        assertEquals(Verdict.FAILED, now.verdict());
    }

    private static List<String> ids(List<RunListing> listings) {
        return listings.stream().map(RunListing::runId).toList();
    }
}
