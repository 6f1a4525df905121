package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.KeyTimeline;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.domain.WorkerShare;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.domain.sample.SampleTotals;
import io.maid.goose.domain.threshold.Thresholds;
import io.maid.goose.ports.in.IntervalSampleMath;
import io.maid.goose.ports.out.Clock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One distributed run as the coordinator sees it: which workers run it, their merged seconds (the stream's figures),
 * the run totals accumulated from every sample, which workers were lost and from which second, and the summary once
 * every worker has ended or been lost. Thread-safe; events are published outside its lock.
 */
final class ClusterRun {
    private final String runId;
    private final RunConfig config;
    private final List<String> workers;
    private final IntervalSampleMath math;
    private final Clock clock;
    private final Consumer<RunEvent> publish;
    private final Consumer<String> stopAll;
    private final SecondMerger merger;
    private final Instant startedAt;
    private final long startedNanos;
    private final long deadlineNanos;
    private final Map<String, Long> planned = new LinkedHashMap<>();
    private final Map<String, ToEnd> ended = new LinkedHashMap<>();
    private final Map<String, WorkerLoss> lost = new LinkedHashMap<>();
    private final List<MetricsSnapshot> timeline = new ArrayList<>();
    private final Map<StatsKey, List<Double>> keyP95 = new LinkedHashMap<>();
    private final List<PhaseSpan> phases = new ArrayList<>();
    private final CompletableFuture<RunSummary> completion = new CompletableFuture<>();
    private RunPhase phase = RunPhase.INCREASE;
    private Instant phaseSince;
    private int activeUsers;
    private long lastMergedSecond;
    private long lastStatusSecond;
    private boolean stopRequested;
    private String failure;
    private EngineStatus finalStatus;

    /** A worker lost mid-run: who, from which second (the first one merged without it), and how it was noticed. */
    record WorkerLoss(String worker, long fromSecond, String reason) {
    }

    private record ToEnd(RunState state, String failureReason, long abandoned, long requests) {
    }

    /**
     * @param stopAll stops the run on every worker still in it, saying why
     * @param deadlineNanos the monotonic time after which a worker that never reported its end is given up on
     */
    ClusterRun(String runId, RunConfig config, List<String> workers, IntervalSampleMath math, long graceNanos, Clock clock,
               long deadlineNanos, Consumer<RunEvent> publish, Consumer<String> stopAll) {
        this.runId = runId;
        this.config = config;
        this.workers = List.copyOf(workers);
        this.math = math;
        this.clock = clock;
        this.publish = publish;
        this.stopAll = stopAll;
        this.startedAt = clock.wallTime();
        this.startedNanos = clock.monotonicNanos();
        this.deadlineNanos = deadlineNanos;
        this.phaseSince = startedAt;
        this.merger = new SecondMerger(math, "cluster", new LinkedHashSet<>(workers), graceNanos, this::merged);
    }

    String runId() {
        return runId;
    }

    List<String> workers() {
        return workers;
    }

    CompletableFuture<RunSummary> completion() {
        return completion;
    }

    Instant startedAt() {
        return startedAt;
    }

    synchronized void started(String worker, long plannedSeconds) {
        planned.put(worker, plannedSeconds);
    }

    void sample(IntervalSample sample) {
        if (workers.contains(sample.source()) && !lost.containsKey(sample.source())) {
            merger.offer(sample, clock.monotonicNanos());
        }
    }

    void workerLog(String worker, String level, String message) {
        LogLevel l = LogLevel.valueOf(level);
        publish.accept(new LogEvent(runId, clock.wallTime(), l, "worker " + worker + ": " + message));
    }

    void ended(String worker, String state, String failureReason, long lastSecond, long abandoned, long requests) {
        synchronized (this) {
            if (!workers.contains(worker) || ended.containsKey(worker) || lost.containsKey(worker)) {
                return;
            }
            ended.put(worker, new ToEnd(RunState.fromWire(state), failureReason, abandoned, requests));
        }
        merger.ended(worker, lastSecond, clock.monotonicNanos());
        finishIfDone();
    }

    /** A worker left, was downed or became unreachable. Ignored when it is not in the run or already ended. */
    void lost(String worker, String reason) {
        WorkerLoss loss;
        synchronized (this) {
            if (!workers.contains(worker) || ended.containsKey(worker) || lost.containsKey(worker) || completion.isDone()) {
                return;
            }
            loss = new WorkerLoss(worker, lastMergedSecond + 1, reason);
            lost.put(worker, loss);
            if (config.distribution() != null && config.distribution().onWorkerLost() == Distribution.OnWorkerLost.FAIL
                    && failure == null) {
                failure = "worker " + worker + " was lost at second " + loss.fromSecond() + " (" + reason
                        + "), and the run's on_worker_lost is fail";
            }
        }
        merger.lost(worker, clock.monotonicNanos());
        boolean fail = failure != null;
        publish.accept(new LogEvent(runId, clock.wallTime(), fail ? LogLevel.ERROR : LogLevel.WARN, "worker " + worker
                + " lost at second " + loss.fromSecond() + ": " + reason + (fail ? "; stopping the run (on_worker_lost: fail)"
                : "; the run goes on with the other " + (workers.size() - lostCount()) + " worker(s)")));
        if (fail) {
            stopAll.accept("worker " + worker + " was lost");
        }
        finishIfDone();
    }

    /**
     * This coordinator's own cluster node has stopped (downed by the split-brain resolver, or shut down): no worker
     * can be reached or heard from any more. Every worker not yet ended is lost as of the next second, and the run
     * ends now, failed with {@code reason}, with the seconds merged so far.
     */
    void coordinatorStopped(String reason) {
        List<String> open = new ArrayList<>();
        synchronized (this) {
            if (completion.isDone()) {
                return;
            }
            if (failure == null) {
                failure = reason;
            }
            for (String w : workers) {
                if (!ended.containsKey(w) && !lost.containsKey(w)) {
                    open.add(w);
                    lost.put(w, new WorkerLoss(w, lastMergedSecond + 1, reason));
                }
            }
        }
        long now = clock.monotonicNanos();
        open.forEach(w -> merger.lost(w, now));
        publish.accept(new LogEvent(runId, clock.wallTime(), LogLevel.ERROR, reason + "; the run ends with the "
                + "seconds merged so far, and " + open.size() + " worker(s) " + open + " are left to stop on their own"));
        finishIfDone();
    }

    private synchronized int lostCount() {
        return lost.size();
    }

    synchronized void requestStop() {
        stopRequested = true;
    }

    /** Hands on seconds whose grace ran out, sends the second's status, and gives up on workers past the deadline. */
    void tick() {
        long now = clock.monotonicNanos();
        merger.tick(now);
        StatusEvent status = null;
        List<String> overdue = new ArrayList<>();
        synchronized (this) {
            long elapsed = (now - startedNanos) / 1_000_000_000L;
            if (!completion.isDone() && elapsed > lastStatusSecond) {
                lastStatusSecond = elapsed;
                status = new StatusEvent(runId, phase, activeUsers, elapsed, plannedSeconds());
            }
            if (now >= deadlineNanos) {
                for (String w : workers) {
                    if (!ended.containsKey(w) && !lost.containsKey(w)) {
                        overdue.add(w);
                    }
                }
            }
        }
        if (status != null) {
            publish.accept(status);
        }
        overdue.forEach(w -> lost(w, "it did not report the end of its segment before the run's deadline"));
    }

    private void merged(IntervalSample merged) {
        MetricsSnapshot snapshot = math.snapshot(merged);
        PhaseChange change = null;
        synchronized (this) {
            lastMergedSecond = merged.second();
            activeUsers = merged.activeUsers();
            int index = timeline.size();
            timeline.add(snapshot);
            for (KeySample k : merged.keys()) {
                List<Double> p95 = keyP95.computeIfAbsent(k.key(), key -> new ArrayList<>());
                while (p95.size() < index) {
                    p95.add(Double.NaN);
                }
                p95.add(k.ok().isEmpty() ? Double.NaN : math.snapshot(only(merged, k)).latencyP95Ms());
            }
            if (merged.phase() != null && merged.phase() != phase) {
                Instant at = merged.timestamp();
                phases.add(new PhaseSpan(phase, phaseSince, at));
                change = new PhaseChange(runId, phase, merged.phase(), at);
                phase = merged.phase();
                phaseSince = at;
            }
        }
        if (change != null) {
            publish.accept(change);
        }
        publish.accept(snapshot);
    }

    private static IntervalSample only(IntervalSample s, KeySample k) {
        return new IntervalSample(s.runId(), s.source(), s.second(), s.timestamp(), s.elapsedSeconds(), s.intervalSeconds(),
                s.phase(), s.activeUsers(), s.cpuUsage(), s.ramUsage(), List.of(k), List.of(), List.of(), 0,
                s.tlsHandshakes());
    }

    private long plannedSeconds() {
        long p = 0;
        for (long v : planned.values()) {
            p = Math.max(p, v);
        }
        return p;
    }

    private void finishIfDone() {
        synchronized (this) {
            if (completion.isDone() || ended.size() + lost.size() < workers.size()) {
                return;
            }
        }
        merger.flush();
        List<String> shortfalls = shortfalls();
        RunSummary summary = summary();
        for (String shortfall : shortfalls) {
            publish.accept(new LogEvent(runId, clock.wallTime(), LogLevel.WARN, shortfall));
        }
        synchronized (this) {
            finalStatus = new EngineStatus(false, runId, RunPhase.COMPLETED, startedAt, 0,
                    Math.round(summary.durationSeconds()), summary.state(), summary.plannedSeconds());
        }
        publish.accept(new LogEvent(runId, clock.wallTime(), LogLevel.INFO, shares(summary)));
        if (merger.lateSamples() > 0) {
            publish.accept(new LogEvent(runId, clock.wallTime(), LogLevel.WARN, merger.lateSamples() + " sample(s) came"
                    + " after their second was merged: they are in the run's totals, not in the per-second figures"));
        }
        completion.complete(summary);
        publish.accept(new RunEnded(summary));
    }

    /**
     * Workers whose own count is more than their samples carried. A worker that counted requests and sent no sample
     * at all fails the run: its figures would be missing from every number, so none is reported as if complete.
     */
    private synchronized List<String> shortfalls() {
        List<String> found = new ArrayList<>();
        Map<String, Long> merged = merger.requestsBySource();
        for (Map.Entry<String, ToEnd> e : ended.entrySet()) {
            long inSamples = merged.getOrDefault(e.getKey(), 0L);
            long counted = e.getValue().requests();
            if (counted > inSamples) {
                found.add("worker " + e.getKey() + " counted " + counted + " requests, and its samples carried " + inSamples);
                if (inSamples == 0 && failure == null) {
                    failure = "worker " + e.getKey() + " counted " + counted + " requests but sent no interval sample"
                            + " (does its engine emit them?)";
                }
            }
        }
        return found;
    }

    private synchronized RunSummary summary() {
        Instant endedAt = clock.wallTime();
        double duration = (clock.monotonicNanos() - startedNanos) / 1e9;
        phases.add(new PhaseSpan(phase, phaseSince, endedAt));
        IntervalSample total = merger.total();
        SampleTotals totals = total == null ? null : math.totals(total, duration);
        long abandoned = 0;
        boolean cancelled = stopRequested;
        String reason = failure;
        for (Map.Entry<String, ToEnd> e : ended.entrySet()) {
            abandoned += e.getValue().abandoned();
            cancelled |= e.getValue().state() == RunState.CANCELLED;
            if (reason == null && e.getValue().state() == RunState.FAILED) {
                reason = "worker " + e.getKey() + " failed: " + e.getValue().failureReason();
            }
        }
        if (reason == null && lost.size() == workers.size()) {
            reason = "every worker was lost: " + lost.values().stream().map(WorkerLoss::worker).toList();
        }
        RunState state = reason != null ? RunState.FAILED : cancelled ? RunState.CANCELLED : RunState.COMPLETED;
        List<KeyTimeline> keyTimelines = new ArrayList<>();
        List<StatsRow> requests = totals == null ? List.of() : totals.requests();
        for (StatsRow r : requests) {
            List<Double> p95 = keyP95.getOrDefault(r.key(), List.of());
            double[] values = new double[timeline.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = i < p95.size() ? p95.get(i) : Double.NaN;
            }
            keyTimelines.add(new KeyTimeline(r.key(), values));
        }
        RunSummary merged = new RunSummary(runId, state, startedAt, endedAt, duration, plannedSeconds(), config, phases,
                requests, totals == null ? List.of() : totals.transactions(),
                totals == null ? List.of() : totals.scenarios(), totals == null ? emptyTotal() : totals.total(), timeline,
                abandoned, totals == null ? new LatencyHistograms("", "", "", "") : totals.histograms(), null, reason,
                keyTimelines, total == null ? List.of() : total.checks(), total == null ? List.of() : total.skipped(),
                List.of(), total == null ? 0 : total.droppedIterations(), shares(),
                totals == null ? TlsHandshakeStats.NONE : totals.handshakes());
        // judged over the merged totals, exactly as a local run's summary is
        return merged.withThresholds(Thresholds.evaluate(merged));
    }

    private List<WorkerShare> shares() {
        Map<String, Long> byWorker = merger.requestsBySource();
        List<WorkerShare> shares = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            String worker = workers.get(w);
            WorkerLoss loss = lost.get(worker);
            shares.add(new WorkerShare(worker, Segments.users(config.users(), workers.size(), w),
                    byWorker.getOrDefault(worker, 0L), loss == null ? null : loss.fromSecond(),
                    loss == null ? null : loss.reason()));
        }
        return shares;
    }

    private static StatsRow emptyTotal() {
        return new StatsRow(StatsKey.total(), 0, 0, 0, null, null, null, null, Map.of(), Map.of(), Map.of(), 0, 0);
    }

    private synchronized String shares(RunSummary summary) {
        Map<String, Long> byWorker = merger.requestsBySource();
        long all = Math.max(1, byWorker.values().stream().mapToLong(Long::longValue).sum());
        StringBuilder b = new StringBuilder("run " + runId + " " + summary.state().wireName() + " on " + workers.size()
                + " worker(s):");
        for (int w = 0; w < workers.size(); w++) {
            String worker = workers.get(w);
            long n = byWorker.getOrDefault(worker, 0L);
            b.append(String.format(Locale.ROOT, " %s %d users, %d requests (%.1f%%)%s;", worker,
                    Segments.users(config.users(), workers.size(), w), n, 100.0 * n / all,
                    lost.containsKey(worker) ? ", lost at second " + lost.get(worker).fromSecond() : ""));
        }
        return b.substring(0, b.length() - 1);
    }

    synchronized List<WorkerLoss> losses() {
        return List.copyOf(lost.values());
    }

    synchronized long lateSamples() {
        return merger.lateSamples();
    }

    /** Requests the merge counted per worker. */
    Map<String, Long> requestsByWorker() {
        return merger.requestsBySource();
    }

    /** Requests each worker said it counted, for those that ended. */
    synchronized Map<String, Long> requestsReported() {
        Map<String, Long> m = new LinkedHashMap<>();
        ended.forEach((w, e) -> m.put(w, e.requests()));
        return m;
    }

    synchronized EngineStatus status() {
        if (finalStatus != null) {
            return finalStatus;
        }
        long elapsedNanos = clock.monotonicNanos() - startedNanos;
        return new EngineStatus(true, runId, phase, startedAt, activeUsers, elapsedNanos / 1_000_000_000L,
                RunState.RUNNING, plannedSeconds(), PlanPosition.stage(config.load(), elapsedNanos),
                PlanPosition.targetUsers(config.load(), elapsedNanos));
    }

    synchronized Set<String> remaining() {
        Set<String> r = new LinkedHashSet<>(workers);
        r.removeAll(ended.keySet());
        r.removeAll(lost.keySet());
        return r;
    }
}
