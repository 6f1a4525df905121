package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's final statistics, grouped the way Goose reports them: per request key
 * ({@code "GET shopper/page"}), per transaction ({@code "shopper/page"}), per scenario, and in total; see
 * {@link StatsKey}. Every group is a merge of slot-level histograms, counters and error messages, done once
 * at the end.
 *
 * @param requests     per request key, in config order
 * @param transactions per transaction, in config order
 * @param scenarios    per scenario, in config order
 * @param total        all requests
 * @param histograms   the total latency histograms, {@link Latencies#encode encoded}
 */
public record SummaryTables(List<StatsRow> requests, List<StatsRow> transactions, List<StatsRow> scenarios,
                            StatsRow total, LatencyHistograms histograms) {
    private static final ErrorKind[] KINDS = ErrorKind.values();

    /** Builds the tables from an aggregator's totals (after its final {@code collect}). */
    public static SummaryTables of(IntervalAggregator aggregator, double durationSeconds) {
        RunLayout layout = aggregator.layout();
        List<StatsRow> requests = new ArrayList<>();
        List<StatsRow> transactions = new ArrayList<>();
        List<List<Integer>> byScenario = new ArrayList<>();
        for (int s = 0; s < layout.scenarioCount(); s++) {
            byScenario.add(new ArrayList<>());
        }
        List<Integer> all = new ArrayList<>();
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            // A slot is one (scenario, transaction) pair, so it is exactly one request key and one transaction.
            List<Integer> one = List.of(slot);
            RowTally tally = tally(aggregator, one);
            Map<ErrorKind, List<String>> samples = aggregator.errorSamples().merged(one);
            requests.add(tally.row(layout.requestKey(slot), durationSeconds, samples));
            transactions.add(tally.row(layout.transactionKey(slot), durationSeconds, samples));
            byScenario.get(layout.scenarioOf(slot)).add(slot);
            all.add(slot);
        }
        List<StatsRow> scenarios = new ArrayList<>();
        for (int s = 0; s < layout.scenarioCount(); s++) {
            scenarios.add(tally(aggregator, byScenario.get(s)).row(layout.scenarioKey(s), durationSeconds,
                    aggregator.errorSamples().merged(byScenario.get(s))));
        }
        RowTally everything = tally(aggregator, all);
        return new SummaryTables(requests, transactions, scenarios,
                everything.row(StatsKey.total(), durationSeconds, aggregator.errorSamples().merged(all)),
                everything.histograms());
    }

    /** Tables without a single request, for a run whose statistics could not be built. */
    public static SummaryTables empty() {
        String none = Latencies.encode(LatencyRecorders.newHistogram());
        StatsRow total = new StatsRow(StatsKey.total(), 0, 0, 0, null, null, null, null, Map.of(), Map.of(), Map.of(),
                0, 0);
        return new SummaryTables(List.of(), List.of(), List.of(), total, new LatencyHistograms(none, none, none, none));
    }

    /** The counts and histograms of a group of slots, summed. */
    private static RowTally tally(IntervalAggregator agg, List<Integer> slots) {
        RowTally tally = new RowTally();
        for (int slot : slots) {
            tally.addCounts(agg.total(slot, UserCounters.REQUESTS), agg.total(slot, UserCounters.FAILURES),
                    agg.total(slot, UserCounters.BYTES_SENT), agg.total(slot, UserCounters.BYTES_RECEIVED));
            for (ErrorKind k : KINDS) {
                tally.addError(k, agg.total(slot, UserCounters.ERRORS + k.ordinal()));
            }
            for (int code = 0; code <= UserCounters.MAX_STATUS; code++) {
                tally.addStatus(code, agg.totalStatus(slot, code));
            }
            tally.addLatencies(agg.cumulativeOk(slot), agg.cumulativeFailed(slot), agg.cumulativeCorrected(slot));
        }
        return tally;
    }
}
