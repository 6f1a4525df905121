package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.StatsRow;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The run's final statistics, grouped the way Goose reports them: per request key ({@code "GET get-root"}),
 * per transaction ({@code "scenario/transaction"}), per scenario, and in total. Every group is a merge of
 * transaction-level histograms and counters, done once at the end.
 *
 * @param requests            per request key, in order of first appearance in the config
 * @param transactions        per transaction, in config order
 * @param scenarios           per scenario, in config order
 * @param total               all requests
 * @param rawHistogram        the total raw latency histogram, {@link Latencies#encode encoded}
 * @param correctedHistogram  the total corrected latency histogram, encoded
 */
public record SummaryTables(List<StatsRow> requests, List<StatsRow> transactions, List<StatsRow> scenarios,
                            StatsRow total, String rawHistogram, String correctedHistogram) {
    private static final ErrorKind[] KINDS = ErrorKind.values();

    /** Builds the tables from an aggregator's totals (after its final {@code collect}). */
    public static SummaryTables of(IntervalAggregator aggregator, double durationSeconds) {
        RunLayout layout = aggregator.layout();
        List<StatsRow> transactions = new ArrayList<>();
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        List<List<Integer>> byScenario = new ArrayList<>();
        for (int s = 0; s < layout.scenarioCount(); s++) {
            byScenario.add(new ArrayList<>());
        }
        List<Integer> all = new ArrayList<>();
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            transactions.add(row(aggregator, layout.transactionLabel(slot), List.of(slot), durationSeconds, null));
            byKey.computeIfAbsent(layout.requestKey(slot), k -> new ArrayList<>()).add(slot);
            byScenario.get(layout.scenarioOf(slot)).add(slot);
            all.add(slot);
        }
        List<StatsRow> requests = new ArrayList<>();
        byKey.forEach((key, slots) -> requests.add(row(aggregator, key, slots, durationSeconds, null)));
        List<StatsRow> scenarios = new ArrayList<>();
        for (int s = 0; s < layout.scenarioCount(); s++) {
            scenarios.add(row(aggregator, layout.scenario(s).name(), byScenario.get(s), durationSeconds, null));
        }
        Histogram[] totals = new Histogram[2];
        StatsRow total = row(aggregator, "Aggregated", all, durationSeconds, totals);
        return new SummaryTables(requests, transactions, scenarios, total,
                Latencies.encode(totals[0]), Latencies.encode(totals[1]));
    }

    private static StatsRow row(IntervalAggregator agg, String name, List<Integer> slots, double durationSeconds,
                                Histogram[] mergedOut) {
        Histogram raw = merge(slots, agg::cumulativeRaw);
        Histogram corrected = merge(slots, agg::cumulativeCorrected);
        if (mergedOut != null) {
            mergedOut[0] = raw;
            mergedOut[1] = corrected;
        }
        long count = 0;
        long failures = 0;
        long sent = 0;
        long received = 0;
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int slot : slots) {
            count += agg.total(slot, UserCounters.REQUESTS);
            failures += agg.total(slot, UserCounters.FAILURES);
            sent += agg.total(slot, UserCounters.BYTES_SENT);
            received += agg.total(slot, UserCounters.BYTES_RECEIVED);
            for (ErrorKind k : KINDS) {
                long n = agg.total(slot, UserCounters.ERRORS + k.ordinal());
                if (n != 0) {
                    errors.merge(k, n, Long::sum);
                }
            }
            for (int code = 0; code <= UserCounters.MAX_STATUS; code++) {
                long n = agg.totalStatus(slot, code);
                if (n != 0) {
                    statuses.merge(code, n, Long::sum);
                }
            }
        }
        double rps = durationSeconds > 0 ? count / durationSeconds : 0;
        return new StatsRow(name, count, failures, rps, Latencies.of(raw), Latencies.of(corrected), statuses, errors,
                sent, received);
    }

    private static Histogram merge(List<Integer> slots, IntFunction<Histogram> source) {
        Histogram merged = LatencyRecorders.newHistogram();
        for (int slot : slots) {
            merged.add(source.apply(slot));
        }
        return merged;
    }
}
