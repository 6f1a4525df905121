package io.maid.goose.domain;

import io.maid.goose.domain.threshold.ThresholdResult;
import io.maid.goose.domain.threshold.Thresholds;
import io.maid.goose.domain.threshold.Verdict;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The final, measured result of a run.
 *
 * @param runId               the run's UUID
 * @param state               completed, cancelled or failed
 * @param startedAt           wall time of the start
 * @param endedAt             wall time of the end
 * @param durationSeconds     monotonic length of the run
 * @param plannedSeconds      the run's planned length from its load plan, rounded up to whole seconds (see
 *                            {@link EngineStatus#plannedSeconds()})
 * @param config              the config that ran
 * @param phases              the phase timeline
 * @param requests            per request key ({@code <METHOD> <scenario>/<transaction>})
 * @param transactions        per transaction (scenario/transaction)
 * @param scenarios           per scenario
 * @param total               all requests
 * @param timeline            the per-second snapshots, in order
 * @param abandonedRequests   requests still in flight when the shutdown grace ran out
 * @param histograms          the total latency histograms, encoded
 * @param schedulerSeed       the seed of the random scheduler ({@code null} for the others)
 * @param failureReason       why the run failed, or {@code null}
 * @param keyTimelines        per request key, in the order of {@code requests}, its p95 latency per timeline
 *                            entry (see {@link KeyTimeline}); empty when not measured
 * @param checks              pass and fail counts per check, in config order (empty without checks)
 * @param skipped             requests not sent, per transaction and reason, in config order (empty when none
 *                            was skipped); never part of the request counts
 * @param thresholds          each of the config's thresholds judged over the whole run, in config order (empty
 *                            without thresholds); an {@code abort_on_fail} threshold that stopped the run keeps
 *                            the failing evaluation that stopped it
 * @param droppedIterations   open model: arrivals dropped because no user was free (0 in a closed plan)
 * @param workers             a distributed run's workers with their shares, and which were lost when (empty for a
 *                            run on one process)
 * @param tlsHandshakes       the TLS handshakes the transport timed, their count and times ({@link
 *                            TlsHandshakeStats#NONE} over plain HTTP, or when the transport does not time them)
 */
public record RunSummary(String runId, RunState state, Instant startedAt, Instant endedAt, double durationSeconds,
                         long plannedSeconds, RunConfig config, List<PhaseSpan> phases, List<StatsRow> requests,
                         List<StatsRow> transactions, List<StatsRow> scenarios, StatsRow total,
                         List<MetricsSnapshot> timeline, long abandonedRequests, LatencyHistograms histograms,
                         Long schedulerSeed, String failureReason, List<KeyTimeline> keyTimelines,
                         List<CheckStats> checks, List<SkipStats> skipped, List<ThresholdResult> thresholds,
                         long droppedIterations, List<WorkerShare> workers, TlsHandshakeStats tlsHandshakes) {
    public RunSummary {
        tlsHandshakes = tlsHandshakes == null ? TlsHandshakeStats.NONE : tlsHandshakes;
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        workers = workers == null ? List.of() : List.copyOf(workers);
        phases = List.copyOf(phases);
        checks = checks == null ? List.of() : List.copyOf(checks);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        requests = List.copyOf(requests);
        transactions = List.copyOf(transactions);
        scenarios = List.copyOf(scenarios);
        timeline = List.copyOf(timeline);
        keyTimelines = keyTimelines == null ? List.of() : List.copyOf(keyTimelines);
    }

    /** A summary of a run on one process (no workers). */
    public RunSummary(String runId, RunState state, Instant startedAt, Instant endedAt, double durationSeconds,
                      long plannedSeconds, RunConfig config, List<PhaseSpan> phases, List<StatsRow> requests,
                      List<StatsRow> transactions, List<StatsRow> scenarios, StatsRow total,
                      List<MetricsSnapshot> timeline, long abandonedRequests, LatencyHistograms histograms,
                      Long schedulerSeed, String failureReason, List<KeyTimeline> keyTimelines,
                      List<CheckStats> checks, List<SkipStats> skipped, List<ThresholdResult> thresholds,
                      long droppedIterations) {
        this(runId, state, startedAt, endedAt, durationSeconds, plannedSeconds, config, phases, requests, transactions,
                scenarios, total, timeline, abandonedRequests, histograms, schedulerSeed, failureReason, keyTimelines,
                checks, skipped, thresholds, droppedIterations, List.of(), TlsHandshakeStats.NONE);
    }

    /** A summary without threshold results or dropped iterations (a closed plan). */
    public RunSummary(String runId, RunState state, Instant startedAt, Instant endedAt, double durationSeconds,
                      long plannedSeconds, RunConfig config, List<PhaseSpan> phases, List<StatsRow> requests,
                      List<StatsRow> transactions, List<StatsRow> scenarios, StatsRow total,
                      List<MetricsSnapshot> timeline, long abandonedRequests, LatencyHistograms histograms,
                      Long schedulerSeed, String failureReason, List<KeyTimeline> keyTimelines,
                      List<CheckStats> checks, List<SkipStats> skipped) {
        this(runId, state, startedAt, endedAt, durationSeconds, plannedSeconds, config, phases, requests, transactions,
                scenarios, total, timeline, abandonedRequests, histograms, schedulerSeed, failureReason, keyTimelines,
                checks, skipped, List.of(), 0, List.of(), TlsHandshakeStats.NONE);
    }

    /** A summary of a run without checks or skipped requests. */
    public RunSummary(String runId, RunState state, Instant startedAt, Instant endedAt, double durationSeconds,
                      long plannedSeconds, RunConfig config, List<PhaseSpan> phases, List<StatsRow> requests,
                      List<StatsRow> transactions, List<StatsRow> scenarios, StatsRow total,
                      List<MetricsSnapshot> timeline, long abandonedRequests, LatencyHistograms histograms,
                      Long schedulerSeed, String failureReason, List<KeyTimeline> keyTimelines) {
        this(runId, state, startedAt, endedAt, durationSeconds, plannedSeconds, config, phases, requests, transactions,
                scenarios, total, timeline, abandonedRequests, histograms, schedulerSeed, failureReason, keyTimelines,
                List.of(), List.of());
    }

    /** A summary of a run without per-key timelines, checks or skipped requests. */
    public RunSummary(String runId, RunState state, Instant startedAt, Instant endedAt, double durationSeconds,
                      long plannedSeconds, RunConfig config, List<PhaseSpan> phases, List<StatsRow> requests,
                      List<StatsRow> transactions, List<StatsRow> scenarios, StatsRow total,
                      List<MetricsSnapshot> timeline, long abandonedRequests, LatencyHistograms histograms,
                      Long schedulerSeed, String failureReason) {
        this(runId, state, startedAt, endedAt, durationSeconds, plannedSeconds, config, phases, requests, transactions,
                scenarios, total, timeline, abandonedRequests, histograms, schedulerSeed, failureReason, List.of(),
                List.of(), List.of());
    }

    /**
     * This summary with {@code other} as its config: what a run's reports embed is the config as it was written
     * (a CSV feeder as its path), where the engine ran the same config with the files loaded into rows.
     */
    public RunSummary withConfig(RunConfig other) {
        return new RunSummary(runId, state, startedAt, endedAt, durationSeconds, plannedSeconds, other, phases,
                requests, transactions, scenarios, total, timeline, abandonedRequests, histograms, schedulerSeed,
                failureReason, keyTimelines, checks, skipped, thresholds, droppedIterations, workers, tlsHandshakes);
    }

    /** This summary with {@code handshakes} as its TLS handshakes. */
    public RunSummary withTlsHandshakes(TlsHandshakeStats handshakes) {
        return new RunSummary(runId, state, startedAt, endedAt, durationSeconds, plannedSeconds, config, phases,
                requests, transactions, scenarios, total, timeline, abandonedRequests, histograms, schedulerSeed,
                failureReason, keyTimelines, checks, skipped, thresholds, droppedIterations, workers, handshakes);
    }

    /** Skipped requests per reason over the whole run, in reason order. */
    public Map<String, Long> skippedByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        for (SkipStats s : skipped) {
            byReason.merge(s.reason(), s.count(), Long::sum);
        }
        return Collections.unmodifiableMap(byReason);
    }

    /** Every request not sent, over the whole run. */
    public long skippedTotal() {
        long n = 0;
        for (SkipStats s : skipped) {
            n += s.count();
        }
        return n;
    }

    /** Failed check evaluations over the whole run (a request that failed two checks counts twice). */
    public long checksFailed() {
        long n = 0;
        for (CheckStats c : checks) {
            n += c.failures();
        }
        return n;
    }

    /** This summary with {@code results} as its threshold results. */
    public RunSummary withThresholds(List<ThresholdResult> results) {
        return new RunSummary(runId, state, startedAt, endedAt, durationSeconds, plannedSeconds, config, phases,
                requests, transactions, scenarios, total, timeline, abandonedRequests, histograms, schedulerSeed,
                failureReason, keyTimelines, checks, skipped, results, droppedIterations, workers, tlsHandshakes);
    }

    /** The CI verdict: see {@link Thresholds#verdict}. */
    public Verdict verdict() {
        return Thresholds.verdict(state, thresholds);
    }

    /** Whether the run was stopped by an {@code abort_on_fail} threshold. */
    public boolean abortedByThreshold() {
        return state == RunState.FAILED && failureReason != null
                && failureReason.startsWith(Thresholds.ABORT_REASON + ":");
    }

}
