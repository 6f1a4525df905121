package io.maid.goose.engine;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdResult;
import io.maid.goose.domain.threshold.Thresholds;
import io.maid.goose.engine.metrics.IntervalAggregator;
import io.maid.goose.engine.metrics.SummaryTables;
import io.maid.goose.ports.out.Clock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Judges a run's thresholds. Those with {@code abort_on_fail} are judged after every metrics tick over the run
 * so far — the aggregator's cumulative tables, the same ones the final summary is built from — once the run is
 * {@code delay_abort_eval_seconds} old; the first failure stops the run through {@link RunEnding#fail}, which
 * is graceful (decrease and shutdown as for any stop), with the reason {@link Thresholds#abortReason}. At the
 * end every threshold is judged over the whole run ({@link #judged}); the one that stopped the run keeps the
 * evaluation that stopped it.
 *
 * <p>{@link #afterTick} runs on the metrics thread, which owns the aggregator; {@link #judged} runs on the
 * controller once that thread has ended.
 */
final class ThresholdWatch {
    private final String runId;
    private final RunConfig config;
    private final Clock clock;
    private final Instant startedAt;
    private final long plannedSeconds;
    private final IntervalAggregator aggregator;
    private final RunEnding ending;
    private final EventFanOut events;
    private final List<Threshold> aborting;
    private final LongSupplier droppedIterations;
    private ThresholdResult stoppedBy;

    ThresholdWatch(String runId, RunConfig config, Clock clock, Instant startedAt, long plannedSeconds,
                   IntervalAggregator aggregator, LongSupplier droppedIterations, RunEnding ending, EventFanOut events) {
        this.runId = runId;
        this.config = config;
        this.clock = clock;
        this.startedAt = startedAt;
        this.plannedSeconds = plannedSeconds;
        this.aggregator = aggregator;
        this.droppedIterations = droppedIterations;
        this.ending = ending;
        this.events = events;
        this.aborting = config.thresholds().stream().filter(Threshold::abortOnFail).toList();
    }

    /** On the metrics thread, after a tick's collect: judges the abort_on_fail thresholds that are due. */
    void afterTick(double elapsedSeconds) {
        if (stoppedBy != null || aborting.isEmpty()) {
            return;
        }
        List<Threshold> due = aborting.stream().filter(t -> elapsedSeconds >= t.delayAbortEvalSeconds()).toList();
        if (due.isEmpty()) {
            return;
        }
        for (ThresholdResult r : Thresholds.evaluate(due, soFar(elapsedSeconds))) {
            if (!r.passed()) {
                stoppedBy = r;
                String reason = Thresholds.abortReason(r, elapsedSeconds);
                events.publish(new LogEvent(runId, clock.wallTime(), LogLevel.WARN, reason));
                ending.fail(reason);
                return;
            }
        }
    }

    /** {@code summary} with every threshold judged over the whole run. */
    RunSummary judged(RunSummary summary) {
        if (config.thresholds().isEmpty()) {
            return summary;
        }
        List<ThresholdResult> results = new ArrayList<>(Thresholds.evaluate(summary));
        if (stoppedBy != null) {
            results.set(config.thresholds().indexOf(stoppedBy.threshold()), stoppedBy);
        }
        return summary.withThresholds(results);
    }

    /** The run so far, as far as thresholds read it: its tables, checks and dropped arrivals, no timeline. */
    private RunSummary soFar(double elapsedSeconds) {
        SummaryTables tables = SummaryTables.of(aggregator, elapsedSeconds);
        return new RunSummary(runId, RunState.RUNNING, startedAt, clock.wallTime(), elapsedSeconds, plannedSeconds,
                config, List.of(), tables.requests(), tables.transactions(), tables.scenarios(), tables.total(),
                List.of(), 0, tables.histograms(), null, null, List.of(), aggregator.flows().checks(), List.of(), List.of(),
                droppedIterations.getAsLong());
    }
}
