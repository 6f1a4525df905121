package io.maid.goose.testkit;

import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.threshold.Verdict;
import io.maid.goose.ports.out.RunHistory;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RunHistory} held in memory, for tests and for embedding without a database. Meets the same
 * {@link RunHistoryContract} as the durable adapters; "durable" here means "visible to the next call".
 * Thread-safe (every method is atomic).
 *
 * <p>It keeps records as objects, so their configs never go out of date by themselves;
 * {@link #insertOutdated} stores one the way an older build would have left it, to test how callers show
 * such a run.
 *
 * <p>Failures: {@link #insert} of an existing id and {@link #update} of an unknown id throw
 * {@link IllegalStateException} and change nothing.
 */
public final class InMemoryRunHistory implements RunHistory {
    /** Newest first: by start time descending, then by run id descending. */
    static final Comparator<StoredRun> NEWEST_FIRST = Comparator
            .comparing((StoredRun s) -> s.record().startedAt(), Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(s -> s.record().runId())
            .reversed();

    private final Map<String, StoredRun> runs = new HashMap<>();
    private final InstantSource time;

    /** A history that stamps interrupted runs with the system time. */
    public InMemoryRunHistory() {
        this(InstantSource.system());
    }

    /** A history that stamps interrupted runs with {@code time}. */
    public InMemoryRunHistory(InstantSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public synchronized void insert(RunRecord record) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(record.config(), "config");
        requireNew(record.runId());
        runs.put(record.runId(), StoredRun.current(record));
    }

    /**
     * Stores {@code record} as though its config, {@code storedConfig}, had been written by an older build
     * and today's rules rejected it with {@code violations}; {@code record}'s own config is ignored.
     */
    public synchronized void insertOutdated(RunRecord record, String storedConfig, List<ConfigViolation> violations) {
        Objects.requireNonNull(record, "record");
        requireNew(record.runId());
        runs.put(record.runId(), new StoredRun(withoutConfig(record), Objects.requireNonNull(storedConfig, "storedConfig"),
                violations));
    }

    @Override
    public synchronized void update(RunRecord record) {
        Objects.requireNonNull(record, "record");
        StoredRun stored = runs.get(record.runId());
        if (stored == null) {
            throw new IllegalStateException("run " + record.runId() + " is not in history; insert it first");
        }
        runs.put(record.runId(), record.config() == null && stored.configOutdated()
                ? new StoredRun(record, stored.storedConfig(), stored.configViolations())
                : record.config() == null ? StoredRun.current(withConfig(record, stored.record()))
                : StoredRun.current(record));
    }

    @Override
    public synchronized Optional<StoredRun> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized List<RunListing> list(int limit, int offset) {
        return list(limit, offset, null);
    }

    @Override
    public synchronized List<RunListing> list(int limit, int offset, Verdict verdict) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, were " + limit + " and " + offset);
        }
        return newestFirst().stream().filter(s -> verdict == null || verdict == s.record().verdict()).skip(offset)
                .limit(limit).map(s -> RunListing.of(s.record())).toList();
    }

    @Override
    public synchronized long count() {
        return runs.size();
    }

    @Override
    public synchronized long count(Verdict verdict) {
        return runs.values().stream().filter(s -> verdict == null || verdict == s.record().verdict()).count();
    }

    @Override
    public synchronized List<RunListing> markAnalysesInterrupted(String reason) {
        List<RunListing> marked = new ArrayList<>();
        for (StoredRun s : newestFirst()) {
            if (s.record().analysisState() == AnalysisState.PENDING) {
                marked.add(replace(s, s.record().withAnalysis(AnalysisState.FAILED, null, reason)));
            }
        }
        return List.copyOf(marked);
    }

    @Override
    public synchronized List<RunListing> markInterrupted(String reason) {
        List<RunListing> marked = new ArrayList<>();
        for (StoredRun s : newestFirst()) {
            RunState state = s.record().state();
            if (state == RunState.RUNNING || state == RunState.PENDING) {
                marked.add(replace(s, s.record().withState(RunState.FAILED, time.instant(), reason)));
            }
        }
        return List.copyOf(marked);
    }

    @Override
    public synchronized List<RunListing> reportsPending() {
        List<StoredRun> oldestFirst = newestFirst().reversed();
        return oldestFirst.stream().filter(s -> s.record().reportsState() == ReportsState.PENDING)
                .map(s -> RunListing.of(s.record())).toList();
    }

    @Override
    public synchronized List<RunListing> retainNewest(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        List<StoredRun> sorted = newestFirst();
        List<StoredRun> deleted = sorted.subList(Math.min(keep, sorted.size()), sorted.size());
        for (StoredRun s : deleted) {
            runs.remove(s.record().runId());
        }
        return deleted.stream().map(s -> RunListing.of(s.record())).toList();
    }

    /** Forgets every run. */
    public synchronized void clear() {
        runs.clear();
    }

    private RunListing replace(StoredRun s, RunRecord changed) {
        runs.put(changed.runId(), new StoredRun(changed, s.storedConfig(), s.configViolations()));
        return RunListing.of(changed);
    }

    private void requireNew(String runId) {
        if (runs.containsKey(runId)) {
            throw new IllegalStateException("run " + runId + " is already in history");
        }
    }

    private static RunRecord withoutConfig(RunRecord r) {
        return withConfig(r, null);
    }

    private static RunRecord withConfig(RunRecord r, RunRecord source) {
        return new RunRecord(r.runId(), r.state(), r.phase(), r.startedAt(), r.endedAt(),
                source == null ? null : source.config(), r.totals(), r.reportFiles(), r.reportsState(), r.error(),
                r.analysisState(), r.analysis(), r.analysisError());
    }

    private List<StoredRun> newestFirst() {
        List<StoredRun> all = new ArrayList<>(runs.values());
        all.sort(NEWEST_FIRST);
        return all;
    }
}
