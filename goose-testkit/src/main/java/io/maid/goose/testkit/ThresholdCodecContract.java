package io.maid.goose.testkit;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdComparator;
import io.maid.goose.domain.threshold.ThresholdMetric;
import io.maid.goose.domain.threshold.ThresholdScope;
import io.maid.goose.ports.out.RunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.maid.goose.testkit.ConfigDocuments.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The threshold part of the {@link RunConfigCodec} contract (issue 13's wire format): {@code thresholds[]}
 * with {@code metric}, {@code scope}, exactly one of {@code lt}/{@code lte}/{@code gt}/{@code gte},
 * {@code abort_on_fail} and {@code delay_abort_eval_seconds}; a bad threshold is a violation at its pointer.
 * {@link RunConfigCodecContract} extends it, so every codec is held to it.
 */
public abstract class ThresholdCodecContract extends LoadPlanCodecContract {
    /** The issue's thresholds over a shop with a checkout transaction. */
    static final String SHOP = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 5, "hatch_rate": 5, "duration": {"seconds": 10},
             "thresholds": [
               {"metric": "latency_p95_ms", "lt": 300},
               {"metric": "error_rate", "lt": 1.0},
               {"metric": "latency_p99_ms", "scope": "transaction:shopper/checkout", "lt": 800},
               {"metric": "checks_failed_rate", "lt": 0.5},
               {"metric": "throughput_rps", "gt": 100, "abort_on_fail": true, "delay_abort_eval_seconds": 20}],
             "scenarios": [{"name": "shopper", "transactions": [
               {"name": "home", "request": {"method": "GET", "path": "/"}},
               {"name": "checkout", "request": {"method": "POST", "path": "/checkout"}}]}]}""";

    @Test
    void theIssuesThresholdsDecodeFieldForField() {
        List<Threshold> t = valid(codec().decode(SHOP)).thresholds();

        assertEquals(List.of(
                Threshold.of(ThresholdMetric.LATENCY_P95_MS, ThresholdScope.TOTAL, ThresholdComparator.LT, 300),
                Threshold.of(ThresholdMetric.ERROR_RATE, ThresholdScope.TOTAL, ThresholdComparator.LT, 1.0),
                Threshold.of(ThresholdMetric.LATENCY_P99_MS, ThresholdScope.parse("transaction:shopper/checkout"),
                        ThresholdComparator.LT, 800),
                Threshold.of(ThresholdMetric.CHECKS_FAILED_RATE, ThresholdScope.TOTAL, ThresholdComparator.LT, 0.5),
                Threshold.of(ThresholdMetric.THROUGHPUT_RPS, ThresholdScope.TOTAL, ThresholdComparator.GT, 100)
                        .abortingAfter(20)), t);
    }

    @Test
    void everyComparatorAndScopeSurvivesARoundTrip() {
        RunConfig config = valid(codec().decode(SHOP)).withThresholds(List.of(
                Threshold.of(ThresholdMetric.LATENCY_P999_MS, ThresholdScope.parse("request:POST shopper/checkout"),
                        ThresholdComparator.LTE, 1200.5),
                Threshold.of(ThresholdMetric.LATENCY_P99_CORRECTED_MS, null, ThresholdComparator.GTE, 0),
                Threshold.of(ThresholdMetric.DROPPED_ITERATIONS, null, ThresholdComparator.LT, 1).abortingAfter(0),
                Threshold.of(ThresholdMetric.LATENCY_P50_MS, ThresholdScope.parse("transaction:shopper/home"),
                        ThresholdComparator.GT, 0.25)));

        assertEquals(config, valid(codec().decode(codec().encode(config))));
    }

    @Test
    void aConfigWithoutThresholdsHasNone() {
        RunConfig config = valid(codec().decode(ConfigDocuments.with(ConfigDocuments.tree(SHOP), "/thresholds",
                ConfigDocuments.REMOVE).toString()));

        assertEquals(List.of(), config.thresholds());
        assertEquals(config, valid(codec().decode(codec().encode(config))));
    }

    static Stream<Arguments> badThresholds() {
        return Stream.of(
                arguments("no comparator", "{\"metric\": \"error_rate\"}", "/thresholds/1"),
                arguments("two comparators", "{\"metric\": \"error_rate\", \"lt\": 1, \"gt\": 0}", "/thresholds/1"),
                arguments("an unknown metric", "{\"metric\": \"latency_p42_ms\", \"lt\": 1}", "/thresholds/1/metric"),
                arguments("a scope naming no transaction",
                        "{\"metric\": \"error_rate\", \"scope\": \"transaction:shopper/pay\", \"lt\": 1}", "/thresholds/1/scope"),
                arguments("a request scope with another method",
                        "{\"metric\": \"error_rate\", \"scope\": \"request:GET shopper/checkout\", \"lt\": 1}",
                        "/thresholds/1/scope"),
                arguments("a scope of no known form", "{\"metric\": \"error_rate\", \"scope\": \"scenario:shopper\", \"lt\": 1}",
                        "/thresholds/1/scope"),
                arguments("a negative delay",
                        "{\"metric\": \"error_rate\", \"lt\": 1, \"abort_on_fail\": true, \"delay_abort_eval_seconds\": -1}",
                        "/thresholds/1/delay_abort_eval_seconds"),
                arguments("dropped iterations per transaction",
                        "{\"metric\": \"dropped_iterations\", \"scope\": \"transaction:shopper/home\", \"lt\": 1}",
                        "/thresholds/1/scope"),
                arguments("an unknown field", "{\"metric\": \"error_rate\", \"lt\": 1, \"colour\": 1}", "/thresholds/1/colour"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badThresholds")
    void aBadThresholdIsAViolationAtItsPointer(String what, String threshold, String expected) {
        String json = ConfigDocuments.with(ConfigDocuments.tree(SHOP), "/thresholds/1", threshold).toString();

        List<String> pointers = violations(codec().decode(json)).stream().map(ConfigViolation::pointer).toList();

        assertTrue(pointers.contains(expected), () -> what + ": " + pointers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badThresholds")
    void aBadThresholdInARequestBodyIsAViolationBelowConfig(String what, String threshold, String expected) {
        String json = ConfigDocuments.with(ConfigDocuments.tree(SHOP), "/thresholds/1", threshold).toString();

        List<String> pointers = violations(codec().decodeRequest("{\"config\": " + json + "}")).stream()
                .map(ConfigViolation::pointer).toList();

        assertTrue(pointers.contains("/config" + expected), () -> what + ": " + pointers);
    }
}
