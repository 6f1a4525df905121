package io.maid.goose.ports.out;

import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.threshold.Verdict;

import java.util.List;
import java.util.Optional;

/**
 * Durable record of runs. Thread-safe. Every write is durable when the method returns.
 *
 * <p>History outlives the config rules it was written under: a config stored by an older build may fail a
 * rule tightened since. Such a run never makes a read fail. {@link #list} shows it from the stored columns,
 * marked {@link RunListing#configOutdated()}; {@link #find} returns its record with a {@code null} config
 * and the config's stored text and today's violations alongside ({@link StoredRun}).
 */
public interface RunHistory {
    /** Inserts a new run; fails if the id exists, or if the record has no config. */
    void insert(RunRecord record);

    /**
     * Replaces the stored record with the same id; fails if it does not exist. A record whose config is
     * {@code null} (one read back outdated) keeps the config that is stored.
     */
    void update(RunRecord record);

    /** The run with this id, its config decoded leniently (see the class comment), or empty. */
    Optional<StoredRun> find(String runId);

    /**
     * A page of runs, newest first (by started_at, then run_id), read without decoding their configs: the
     * config's {@code users} and target come from what was stored with the run.
     */
    List<RunListing> list(int limit, int offset);

    /**
     * A page of the finished runs whose verdict is {@code verdict}, newest first, as {@link #list(int, int)}
     * reads them; every run when {@code verdict} is null. A run that is still going has no verdict yet.
     */
    List<RunListing> list(int limit, int offset, Verdict verdict);

    long count();

    /** How many runs have {@code verdict}; all of them when it is null. */
    long count(Verdict verdict);

    /**
     * Marks every run still {@code running} or {@code pending} as failed with {@code reason}, ended now:
     * called at start-up, after a crash.
     *
     * @return the runs so marked, as they are now
     */
    List<RunListing> markInterrupted(String reason);

    /**
     * Marks every AI analysis still {@code pending} as failed with {@code reason}, leaving the runs
     * themselves as they are: called at start-up, after a crash, since no analysis survives the process
     * that asked for it.
     *
     * @return the runs so marked, as they are now
     */
    List<RunListing> markAnalysesInterrupted(String reason);

    /**
     * The runs whose reports are {@link io.maid.goose.domain.ReportsState#PENDING}, oldest first (by
     * started_at, then run_id). At start-up these are the runs a crash cut short while their reports were
     * written, whose reports are then finished or marked failed.
     */
    List<RunListing> reportsPending();

    /**
     * Keeps the newest {@code keep} runs and deletes the rest.
     *
     * @return the deleted runs, so their artifacts (report files) can be removed
     */
    List<RunListing> retainNewest(int keep);
}
