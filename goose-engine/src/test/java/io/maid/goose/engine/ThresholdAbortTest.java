package io.maid.goose.engine;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdComparator;
import io.maid.goose.domain.threshold.ThresholdMetric;
import io.maid.goose.domain.threshold.ThresholdResult;
import io.maid.goose.domain.threshold.ThresholdScope;
import io.maid.goose.domain.threshold.Verdict;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * abort_on_fail on the manual clock: judged every second over the run so far after the delay, the first
 * failure stops the run gracefully (failed, reason threshold), and every threshold is judged at the end.
 */
class ThresholdAbortTest {
    private static final Duration STEP = Duration.ofMillis(100);
    /** Each of 4 users sends a request every 0.5 s, every answer an HTTP 500. */
    private final EngineHarness h = new EngineHarness(EngineHarness.Users.THREADS,
            call -> ScriptedTransport.respond(500));

    @AfterEach
    void stopAnyRun() {
        h.close();
    }

    private static Threshold errorRateBelowOne() {
        return Threshold.of(ThresholdMetric.ERROR_RATE, ThresholdScope.TOTAL, ThresholdComparator.LT, 1);
    }

    private static RunConfig failingFromTheStart(Threshold threshold) {
        return config().users(4).hatchRate(100).durationSeconds(60).thinkTimeSeconds(0.5).get("api", "/")
                .threshold(threshold).build();
    }

    @Test
    void aFailingAbortThresholdStopsTheRunWithinTwoSecondsOfItsDelay() {
        RunHandle run = h.start(failingFromTheStart(errorRateBelowOne().abortingAfter(5)));

        RunSummary s = h.stepToEnd(run, STEP);

        assertEquals(RunState.FAILED, s.state());
        assertTrue(s.durationSeconds() >= 5 && s.durationSeconds() <= 7, () -> "ended after " + s.durationSeconds() + " s");
        assertTrue(s.failureReason().startsWith("threshold: error_rate < 1 failed after 5 s"), s.failureReason());
        assertTrue(s.abortedByThreshold());
        assertEquals(Verdict.FAILED, s.verdict());
    }

    @Test
    void noEvaluationStopsTheRunBeforeTheDelay() {
        RunHandle run = h.start(failingFromTheStart(errorRateBelowOne().abortingAfter(5)));

        h.stepUntil(run, 4.9, STEP);

        assertTrue(h.engine.status().active(), () -> "running at 4.9 s: " + h.events.logs());
        assertFalse(h.events.logs().stream().anyMatch(l -> l.level() == LogLevel.WARN
                && l.message().startsWith("threshold:")), "no threshold failure before the delay");
    }

    @Test
    void theStopIsGracefulAndLogged() {
        RunHandle run = h.start(failingFromTheStart(errorRateBelowOne().abortingAfter(2)));

        RunSummary s = h.stepToEnd(run, STEP);

        assertEquals(1, h.events.logs().stream().filter(l -> l.level() == LogLevel.WARN
                && l.message().startsWith("threshold: ")).count());
        assertTrue(h.events.logs().stream().anyMatch(l -> l.message().contains(
                "an abort_on_fail threshold failed")), "decrease says why");
        assertEquals(0, s.abandonedRequests());
        assertEquals(s.total().count(), h.transport.sentCount());
    }

    @Test
    void theThresholdThatStoppedTheRunKeepsItsFailingEvaluation() {
        RunHandle run = h.start(failingFromTheStart(errorRateBelowOne().abortingAfter(3)));

        RunSummary s = h.stepToEnd(run, STEP);

        ThresholdResult r = s.thresholds().get(0);
        assertFalse(r.passed());
        assertEquals(100.0, r.observed());
    }

    @Test
    void aThresholdWithoutAbortOnFailIsJudgedAtTheEndOnly() {
        RunConfig c = config().users(2).hatchRate(100).durationSeconds(3).thinkTimeSeconds(0.5).get("api", "/")
                .threshold(errorRateBelowOne())
                .threshold(Threshold.of(ThresholdMetric.THROUGHPUT_RPS, null, ThresholdComparator.GT, 0)).build();
        RunHandle run = h.start(c);

        RunSummary s = h.stepToEnd(run, STEP);

        assertEquals(RunState.COMPLETED, s.state());
        assertNull(s.failureReason());
        assertEquals(List.of(false, true), s.thresholds().stream().map(ThresholdResult::passed).toList());
        assertEquals(Verdict.FAILED, s.verdict());
    }

    @Test
    void aPassingAbortThresholdLetsTheRunComplete() {
        RunConfig c = config().users(2).hatchRate(100).durationSeconds(3).thinkTimeSeconds(0.5).get("api", "/")
                .threshold(Threshold.of(ThresholdMetric.ERROR_RATE, null, ThresholdComparator.GT, 50).abortingAfter(0))
                .build();
        RunHandle run = h.start(c);

        RunSummary s = h.stepToEnd(run, STEP);

        assertEquals(RunState.COMPLETED, s.state());
        assertEquals(Verdict.PASSED, s.verdict());
        assertTrue(s.thresholds().get(0).passed());
    }
}
