package io.maid.goose.testkit;

import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
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
 * <p>Failures: {@link #insert} of an existing id and {@link #update} of an unknown id throw
 * {@link IllegalStateException} and change nothing.
 */
public final class InMemoryRunHistory implements RunHistory {
    /** Newest first: by start time descending, then by run id descending. */
    static final Comparator<RunRecord> NEWEST_FIRST = Comparator
            .comparing(RunRecord::startedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(RunRecord::runId)
            .reversed();

    private final Map<String, RunRecord> runs = new HashMap<>();
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
        if (runs.containsKey(record.runId())) {
            throw new IllegalStateException("run " + record.runId() + " is already in history");
        }
        runs.put(record.runId(), record);
    }

    @Override
    public synchronized void update(RunRecord record) {
        Objects.requireNonNull(record, "record");
        if (!runs.containsKey(record.runId())) {
            throw new IllegalStateException("run " + record.runId() + " is not in history; insert it first");
        }
        runs.put(record.runId(), record);
    }

    @Override
    public synchronized Optional<RunRecord> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized List<RunRecord> list(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, were " + limit + " and " + offset);
        }
        return newestFirst().stream().skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized long count() {
        return runs.size();
    }

    @Override
    public synchronized List<RunRecord> markAnalysesInterrupted(String reason) {
        List<RunRecord> marked = new ArrayList<>();
        for (RunRecord r : newestFirst()) {
            if (r.analysisState() == AnalysisState.PENDING) {
                RunRecord failed = r.withAnalysis(AnalysisState.FAILED, null, reason);
                runs.put(r.runId(), failed);
                marked.add(failed);
            }
        }
        return List.copyOf(marked);
    }

    @Override
    public synchronized List<RunRecord> markInterrupted(String reason) {
        List<RunRecord> marked = new ArrayList<>();
        for (RunRecord r : newestFirst()) {
            if (r.state() == RunState.RUNNING || r.state() == RunState.PENDING) {
                RunRecord failed = r.withState(RunState.FAILED, time.instant(), reason);
                runs.put(r.runId(), failed);
                marked.add(failed);
            }
        }
        return List.copyOf(marked);
    }

    @Override
    public synchronized List<RunRecord> retainNewest(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        List<RunRecord> sorted = newestFirst();
        List<RunRecord> deleted = sorted.subList(Math.min(keep, sorted.size()), sorted.size());
        for (RunRecord r : deleted) {
            runs.remove(r.runId());
        }
        return List.copyOf(deleted);
    }

    private List<RunRecord> newestFirst() {
        List<RunRecord> all = new ArrayList<>(runs.values());
        all.sort(NEWEST_FIRST);
        return all;
    }
}
