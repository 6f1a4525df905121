package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.domain.IntervalSampleEvent;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.ports.in.RunEventListener;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a run's events into the state of its {@code goose_*} series, and that state into metric snapshots at
 * each scrape ({@link RunSnapshots} names and shapes them).
 *
 * <p>Where each figure comes from:
 * <ul>
 *   <li>{@link MetricsSnapshot}, once a second: failures by kind, active users, phase;</li>
 *   <li>{@link StatusEvent}, {@link PhaseChange}: active users and phase between snapshots;</li>
 *   <li>{@link IntervalSample}, once a second through {@link #onSample} (an {@link IntervalSampleEvent}):
 *       requests per scenario, transaction and status, the latency buckets per transaction and the dropped
 *       iterations, so these are live;</li>
 *   <li>{@link RunEnded}: settles every counter at the run's final totals (see {@link RunSeries#settle}); for an
 *       engine that sends no per-key samples, this is when the per-transaction counts appear.</li>
 * </ul>
 * The series shown are those of the current run, or of the last one until the next starts. An event of a run
 * that an earlier event already replaced is ignored.
 *
 * <p>Thread-safe: events (on the engine's aggregation thread) and scrapes (on request threads) take one lock,
 * each for a time bounded by the transaction cap; an encoded histogram is decoded before the lock is taken.
 */
final class RunMetrics implements RunEventListener, MultiCollector {
    private static final System.Logger LOG = System.getLogger(RunMetrics.class.getName());

    private final int maxTransactions;
    private final Function<String, Optional<String>> targetOfRun;
    private RunSeries run;
    private String replacedRunId;

    /**
     * @param maxTransactions the cap on distinct scenario/transaction label pairs per run
     * @param targetOfRun     the target base URL of a run id, asked once per run at the first scrape that needs it
     *                        (a run's events do not carry its target until it ends)
     */
    RunMetrics(int maxTransactions, Function<String, Optional<String>> targetOfRun) {
        if (maxTransactions < 1) {
            throw new IllegalArgumentException("maxTransactions must be at least 1, was " + maxTransactions);
        }
        this.maxTransactions = maxTransactions;
        this.targetOfRun = targetOfRun;
    }

    @Override
    public void onEvent(RunEvent event) {
        // The engine's per-second samples carry the per-transaction counts and histograms.
        if (event instanceof IntervalSampleEvent sampled) {
            onSample(sampled.sample());
            return;
        }
        if (event instanceof LogEvent) {
            return;
        }
        synchronized (this) {
            RunSeries r = seriesOf(event.runId());
            if (r == null) {
                return;
            }
            if (event instanceof MetricsSnapshot m) {
                r.addFailures(m.errors());
                gauges(r, m.phase(), m.activeUsers());
            } else if (event instanceof StatusEvent s) {
                gauges(r, s.phase(), s.activeUsers());
            } else if (event instanceof PhaseChange p) {
                gauges(r, p.to(), r.activeUsers);
            } else if (event instanceof RunEnded e) {
                end(r, e.summary());
            }
        }
    }

    /** One interval of per-key counts and histograms. */
    void onSample(IntervalSample sample) {
        List<LatencyBuckets> decoded = new ArrayList<>(sample.keys().size());
        for (KeySample key : sample.keys()) {
            LatencyBuckets ok = new LatencyBuckets();
            ok.add(key.ok());
            decoded.add(ok);
        }
        synchronized (this) {
            RunSeries r = seriesOf(sample.runId());
            if (r == null || r.ended) {
                return;
            }
            for (int i = 0; i < decoded.size(); i++) {
                r.add(sample.keys().get(i), decoded.get(i));
            }
            r.droppedIterations += Math.max(0, sample.droppedIterations());
            gauges(r, sample.phase(), sample.activeUsers());
        }
    }

    @Override
    public MetricSnapshots collect() {
        RunSeries r;
        synchronized (this) {
            r = run;
            if (r == null || r.target != null || r.targetAsked) {
                return RunSnapshots.of(r);
            }
            r.targetAsked = true;
        }
        // the history read happens outside the lock, so that events never wait for it
        String target = null;
        try {
            target = targetOfRun.apply(r.runId).orElse(null);
        } catch (RuntimeException e) {
            // a scrape without the target beats no scrape; the run's end brings the target anyway
            LOG.log(System.Logger.Level.WARNING, "the target of run " + r.runId + " could not be read for goose_run_info: "
                    + e.getMessage());
        }
        synchronized (this) {
            if (r.target == null) {
                r.target = target;
            }
            return RunSnapshots.of(run);
        }
    }

    private RunSeries seriesOf(String runId) {
        if (runId == null || runId.equals(replacedRunId)) {
            return null;
        }
        if (run == null || !run.runId.equals(runId)) {
            replacedRunId = run == null ? null : run.runId;
            run = new RunSeries(runId, maxTransactions);
        }
        return run;
    }

    private static void gauges(RunSeries r, RunPhase phase, int activeUsers) {
        if (r.ended) {
            return;
        }
        r.phase = phase;
        r.activeUsers = activeUsers;
    }

    private static void end(RunSeries r, RunSummary summary) {
        r.settle(summary.requests(), summary.total().errors());
        r.phase = RunPhase.COMPLETED;
        r.activeUsers = 0;
        r.target = summary.config().targetBaseUrl().toString();
        r.ended = true;
    }
}
