package io.maid.goose.domain.threshold;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.Transaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdsTest {
    private static final ThresholdScope CHECKOUT = ThresholdScope.parse("transaction:shopper/checkout");

    private static RunConfig config(Threshold... thresholds) {
        RunConfig.Builder b = RunConfig.builder("http://127.0.0.1:8080").scenario(new Scenario("shopper", 1, List.of(
                Transaction.of("home", RequestSpec.of(HttpMethod.GET, "/")),
                Transaction.of("checkout", RequestSpec.of(HttpMethod.POST, "/checkout")))));
        for (Threshold t : thresholds) {
            b.threshold(t);
        }
        return b.build();
    }

    private static LatencyStats latency(double p95, double p99) {
        return new LatencyStats(1, 10, p99 * 2, 1, 5, 8, p95, p99, p99 * 1.5);
    }

    private static StatsRow row(StatsKey key, long count, long failures, double rps, double p95) {
        return new StatsRow(key, count, failures, rps, latency(p95, p95 * 2), null, null, latency(p95 * 3, p95 * 4),
                Map.of(), Map.of(), Map.of(), 0, 0);
    }

    private static RunSummary summary(RunConfig config, RunState state, List<CheckStats> checks) {
        StatsRow checkoutRequest = row(StatsKey.request(HttpMethod.POST, "shopper", "checkout"), 100, 10, 10, 700);
        StatsRow checkout = row(StatsKey.transaction("shopper", "checkout"), 100, 10, 10, 700);
        StatsRow home = row(StatsKey.transaction("shopper", "home"), 900, 0, 90, 20);
        StatsRow total = row(StatsKey.total(), 1000, 10, 100, 250);
        return new RunSummary("r", state, Instant.EPOCH, Instant.EPOCH.plusSeconds(10), 10, 10, config, List.of(),
                List.of(checkoutRequest), List.of(home, checkout), List.of(), total, List.of(), 0,
                new LatencyHistograms("", "", "", ""), null, null, List.of(), checks, List.of());
    }

    @Test
    void eachMetricReadsTheWholeRunOverItsScope() {
        RunConfig c = config();
        RunSummary s = summary(c, RunState.COMPLETED, List.of(new CheckStats("shopper", "checkout", "status", 90, 10),
                new CheckStats("shopper", "home", "body", 300, 0)));
        assertEquals(250, ThresholdMetric.LATENCY_P95_MS.observe(s, ThresholdScope.TOTAL));
        assertEquals(1400, ThresholdMetric.LATENCY_P99_MS.observe(s, CHECKOUT));
        assertEquals(2800, ThresholdMetric.LATENCY_P99_CORRECTED_MS.observe(s, CHECKOUT));
        assertEquals(10.0, ThresholdMetric.ERROR_RATE.observe(s, ThresholdScope.parse("request:POST shopper/checkout")));
        assertEquals(1.0, ThresholdMetric.ERROR_RATE.observe(s, ThresholdScope.TOTAL));
        assertEquals(100, ThresholdMetric.THROUGHPUT_RPS.observe(s, ThresholdScope.TOTAL));
        assertEquals(2.5, ThresholdMetric.CHECKS_FAILED_RATE.observe(s, ThresholdScope.TOTAL));
        assertEquals(10.0, ThresholdMetric.CHECKS_FAILED_RATE.observe(s, CHECKOUT));
        assertEquals(0, ThresholdMetric.DROPPED_ITERATIONS.observe(s, ThresholdScope.TOTAL));
    }

    @Test
    void aLatencyWithoutASuccessfulRequestIsNoValueAndFails() {
        RunConfig c = config();
        StatsRow none = row(StatsKey.total(), 5, 5, 0.5, 0);
        RunSummary s = summary(c, RunState.COMPLETED, List.of());
        RunSummary allFailed = new RunSummary("r", RunState.COMPLETED, Instant.EPOCH, Instant.EPOCH, 10, 10, c, List.of(),
                List.of(), List.of(), List.of(), none, List.of(), 0, s.histograms(), null, null);
        ThresholdResult r = ThresholdResult.judge(Threshold.of(ThresholdMetric.LATENCY_P95_MS, ThresholdScope.TOTAL,
                ThresholdComparator.LT, 300), ThresholdMetric.LATENCY_P95_MS.observe(allFailed, ThresholdScope.TOTAL));
        assertTrue(Double.isNaN(r.observed()));
        assertFalse(r.passed());
        assertEquals("no value (nothing in scope to measure)", r.describeObserved());
    }

    @Test
    void comparatorsAreStrictOrInclusiveAsNamed() {
        assertTrue(ThresholdComparator.LT.holds(299.9, 300));
        assertFalse(ThresholdComparator.LT.holds(300, 300));
        assertTrue(ThresholdComparator.LTE.holds(300, 300));
        assertFalse(ThresholdComparator.GT.holds(100, 100));
        assertTrue(ThresholdComparator.GTE.holds(100, 100));
    }

    @Test
    void theVerdictFailsWhenAThresholdFails() {
        Threshold p95 = Threshold.of(ThresholdMetric.LATENCY_P95_MS, ThresholdScope.TOTAL, ThresholdComparator.LT, 300);
        Threshold checkout = Threshold.of(ThresholdMetric.LATENCY_P95_MS, CHECKOUT, ThresholdComparator.LT, 500);
        RunConfig c = config(p95, checkout);
        List<ThresholdResult> results = Thresholds.evaluate(summary(c, RunState.COMPLETED, List.of()));
        assertEquals(List.of(true, false), results.stream().map(ThresholdResult::passed).toList());
        assertEquals(700, results.get(1).observed());
        assertEquals(Verdict.FAILED, Thresholds.verdict(RunState.COMPLETED, results));
        assertEquals(Verdict.PASSED, Thresholds.verdict(RunState.COMPLETED, results.subList(0, 1)));
    }

    @Test
    void aFailedRunNeverPasses() {
        assertEquals(Verdict.FAILED, Thresholds.verdict(RunState.FAILED, List.of()));
        assertEquals(Verdict.PASSED, Thresholds.verdict(RunState.CANCELLED, List.of()));
    }

    @Test
    void scopesReadBackAsWritten() {
        for (String s : List.of("total", "transaction:shopper/checkout", "request:POST shopper/checkout")) {
            assertEquals(s, ThresholdScope.parse(s).wireName());
        }
    }

    @Test
    void aScopeOfAnotherFormIsRefusedNamingTheForms() {
        ConfigException e = assertThrows(ConfigException.class, () -> ThresholdScope.parse("scenario:shopper"));
        assertEquals("scope", e.field());
        assertTrue(e.reason().contains("transaction:<scenario>/<transaction>"), e.reason());
        assertThrows(ConfigException.class, () -> ThresholdScope.parse("request:FETCH shopper/home"));
        assertThrows(ConfigException.class, () -> ThresholdScope.parse("transaction:checkout"));
    }

    @Test
    void aScopeNamingNoTransactionIsRefusedAtItsIndex() {
        Threshold ok = Threshold.of(ThresholdMetric.ERROR_RATE, ThresholdScope.TOTAL, ThresholdComparator.LT, 1);
        Threshold missing = Threshold.of(ThresholdMetric.ERROR_RATE, ThresholdScope.parse("transaction:shopper/pay"),
                ThresholdComparator.LT, 1);
        ConfigException e = assertThrows(ConfigException.class, () -> config(ok, missing));
        assertEquals("thresholds/1/scope", e.field());
        assertTrue(e.reason().contains("'shopper/pay'"), e.reason());
    }

    @Test
    void aRequestScopeWithTheWrongMethodSaysTheRightOne() {
        Threshold wrong = Threshold.of(ThresholdMetric.ERROR_RATE, ThresholdScope.parse("request:GET shopper/checkout"),
                ThresholdComparator.LT, 1);
        ConfigException e = assertThrows(ConfigException.class, () -> config(wrong));
        assertEquals("thresholds/0/scope", e.field());
        assertTrue(e.reason().contains("request:POST shopper/checkout"), e.reason());
    }

    @Test
    void droppedIterationsIsCountedForTheWholeRunOnly() {
        ConfigException e = assertThrows(ConfigException.class, () -> Threshold.of(ThresholdMetric.DROPPED_ITERATIONS,
                CHECKOUT, ThresholdComparator.LT, 1));
        assertEquals("scope", e.field());
    }

    @Test
    void anUnknownMetricIsRefusedListingTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> ThresholdMetric.fromWire("latency_p42_ms"));
        assertEquals("metric", e.field());
        assertTrue(e.reason().contains("latency_p999_ms") && e.reason().contains("dropped_iterations"), e.reason());
    }

    @Test
    void aThresholdDescribesItselfWithItsScope() {
        assertEquals("latency_p99_ms < 800 (transaction:shopper/checkout)",
                Threshold.of(ThresholdMetric.LATENCY_P99_MS, CHECKOUT, ThresholdComparator.LT, 800).describe());
        assertEquals("throughput_rps >= 100.5",
                Threshold.of(ThresholdMetric.THROUGHPUT_RPS, null, ThresholdComparator.GTE, 100.5).describe());
    }
}
