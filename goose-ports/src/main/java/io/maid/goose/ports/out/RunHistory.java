package io.maid.goose.ports.out;

import io.maid.goose.domain.RunRecord;

import java.util.List;
import java.util.Optional;

/**
 * Durable record of runs. Thread-safe. Every write is durable when the method returns.
 */
public interface RunHistory {
    /** Inserts a new run; fails if the id exists. */
    void insert(RunRecord record);

    /** Replaces the stored record with the same id; fails if it does not exist. */
    void update(RunRecord record);

    Optional<RunRecord> find(String runId);

    /** Newest first (by started_at, then run_id). */
    List<RunRecord> list(int limit, int offset);

    long count();

    /**
     * Marks every run still {@code running} or {@code pending} as failed with {@code reason}: called at
     * start-up, after a crash.
     *
     * @return the runs so marked
     */
    List<RunRecord> markInterrupted(String reason);

    /**
     * Marks every AI analysis still {@code pending} as failed with {@code reason}, leaving the runs
     * themselves as they are: called at start-up, after a crash, since no analysis survives the process
     * that asked for it.
     *
     * @return the records so marked
     */
    List<RunRecord> markAnalysesInterrupted(String reason);

    /**
     * Keeps the newest {@code keep} runs and deletes the rest.
     *
     * @return the deleted records, so their report folders can be removed
     */
    List<RunRecord> retainNewest(int keep);
}
