package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.adapter.metrics.prometheus.TransactionLabels.Pair;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.sample.KeySample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run has counted so far, per label set: the state behind the run's series. A run's counters start at
 * zero and only grow; they carry the run's id as a label, so the next run's series are new series and no
 * counter ever seems to fall. Not thread-safe: {@link RunMetrics} guards it.
 */
final class RunSeries {
    /** The {@code status} label of a request that got no HTTP response (connect error, timeout, abandoned). */
    static final String NO_STATUS = "none";

    final String runId;
    RunPhase phase = RunPhase.IDLE;
    int activeUsers;
    String target;
    boolean ended;
    /** Whether the target was asked for already (it is asked once). */
    boolean targetAsked;
    final TransactionLabels labels;
    final Map<RequestLabels, Long> requests = new LinkedHashMap<>();
    final Map<String, Long> failures = new TreeMap<>();
    final Map<Pair, LatencyBuckets> durations = new LinkedHashMap<>();
    long droppedIterations;

    RunSeries(String runId, int maxTransactions) {
        this.runId = runId;
        this.labels = new TransactionLabels(maxTransactions);
    }

    /** One key's interval: its requests by status, and its successful requests' latency. */
    void add(KeySample key, LatencyBuckets okLatency) {
        Pair pair = labels.labelsOf(key.key().scenario(), key.key().transaction());
        byStatus(key.requests(), key.statusCodes()).forEach((status, n) -> addRequests(pair, status, n));
        durations.computeIfAbsent(pair, p -> new LatencyBuckets()).addAll(okLatency);
    }

    /** One second's failures by kind, from the per-second snapshot. */
    void addFailures(Map<String, Long> byKind) {
        byKind.forEach((kind, n) -> {
            if (n > 0) {
                failures.merge(kind, n, Long::sum);
            }
        });
    }

    /**
     * Brings the counters to the run's final totals: whatever the per-second events did not carry (all of the
     * per-transaction counts when the engine sends no per-key samples; requests abandoned at shutdown) is added
     * now. A counter already at or above its final count is left as it is: a counter never goes down.
     */
    void settle(Iterable<StatsRow> requestRows, Map<ErrorKind, Long> totalErrors) {
        Map<RequestLabels, Long> expected = new LinkedHashMap<>();
        for (StatsRow row : requestRows) {
            if (row.key().kind() != StatsKey.Kind.REQUEST) {
                continue;
            }
            Pair pair = labels.labelsOf(row.key().scenario(), row.key().transaction());
            byStatus(row.count(), row.statusCodes())
                    .forEach((status, n) -> expected.merge(new RequestLabels(pair, status), n, Long::sum));
        }
        expected.forEach((labelSet, n) -> {
            long missing = n - requests.getOrDefault(labelSet, 0L);
            if (missing > 0) {
                requests.merge(labelSet, missing, Long::sum);
            }
        });
        totalErrors.forEach((kind, n) -> {
            long missing = n - failures.getOrDefault(kind.wireName(), 0L);
            if (missing > 0) {
                failures.merge(kind.wireName(), missing, Long::sum);
            }
        });
    }

    long requestTotal() {
        long n = 0;
        for (long v : requests.values()) {
            n += v;
        }
        return n;
    }

    private void addRequests(Pair pair, String status, long n) {
        if (n > 0) {
            requests.merge(new RequestLabels(pair, status), n, Long::sum);
        }
    }

    /** Requests by status label: each HTTP status, and {@value #NO_STATUS} for the ones without a response. */
    private static Map<String, Long> byStatus(long requests, Map<Integer, Long> statusCodes) {
        Map<String, Long> out = new TreeMap<>();
        long answered = 0;
        for (Map.Entry<Integer, Long> e : statusCodes.entrySet()) {
            out.merge(String.valueOf(e.getKey()), e.getValue(), Long::sum);
            answered += e.getValue();
        }
        if (requests > answered) {
            out.put(NO_STATUS, requests - answered);
        }
        return out;
    }

    /** The labels of one {@code goose_requests_total} series. */
    record RequestLabels(Pair transaction, String status) {
    }
}
