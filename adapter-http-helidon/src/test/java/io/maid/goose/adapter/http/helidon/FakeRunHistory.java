package io.maid.goose.adapter.http.helidon;

import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.ports.out.RunHistory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Run history in a map, newest first by started_at then run_id. */
final class FakeRunHistory implements RunHistory {
    private static final Comparator<RunRecord> NEWEST_FIRST = Comparator.comparing(RunRecord::startedAt)
            .thenComparing(RunRecord::runId).reversed();
    private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();

    @Override
    public void insert(RunRecord record) {
        if (runs.putIfAbsent(record.runId(), record) != null) {
            throw new IllegalStateException("run " + record.runId() + " exists");
        }
    }

    @Override
    public void update(RunRecord record) {
        if (runs.replace(record.runId(), record) == null) {
            throw new IllegalStateException("run " + record.runId() + " does not exist");
        }
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public List<RunRecord> list(int limit, int offset) {
        return runs.values().stream().sorted(NEWEST_FIRST).skip(offset).limit(limit).toList();
    }

    @Override
    public long count() {
        return runs.size();
    }

    @Override
    public List<RunRecord> markAnalysesInterrupted(String reason) {
        return runs.values().stream().filter(r -> r.analysisState() == AnalysisState.PENDING).map(r -> {
            RunRecord failed = r.withAnalysis(AnalysisState.FAILED, null, reason);
            runs.put(r.runId(), failed);
            return failed;
        }).toList();
    }

    @Override
    public List<RunRecord> markInterrupted(String reason) {
        return runs.values().stream().filter(r -> !r.state().isFinal()).map(r -> {
            RunRecord failed = r.withState(RunState.FAILED, r.startedAt(), reason);
            runs.put(r.runId(), failed);
            return failed;
        }).toList();
    }

    @Override
    public List<RunRecord> retainNewest(int keep) {
        List<RunRecord> doomed = runs.values().stream().sorted(NEWEST_FIRST).skip(keep).toList();
        doomed.forEach(r -> runs.remove(r.runId()));
        return doomed;
    }

    void clear() {
        runs.clear();
    }
}
