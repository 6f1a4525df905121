package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

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
            Merged one = new Merged(aggregator, List.of(slot));
            requests.add(one.row(layout.requestKey(slot), durationSeconds));
            transactions.add(one.row(layout.transactionKey(slot), durationSeconds));
            byScenario.get(layout.scenarioOf(slot)).add(slot);
            all.add(slot);
        }
        List<StatsRow> scenarios = new ArrayList<>();
        for (int s = 0; s < layout.scenarioCount(); s++) {
            scenarios.add(new Merged(aggregator, byScenario.get(s)).row(layout.scenarioKey(s), durationSeconds));
        }
        Merged everything = new Merged(aggregator, all);
        return new SummaryTables(requests, transactions, scenarios, everything.row(StatsKey.total(), durationSeconds),
                new LatencyHistograms(Latencies.encode(everything.ok), Latencies.encode(everything.failed),
                        Latencies.encode(everything.all), Latencies.encode(everything.corrected)));
    }

    /** Tables without a single request, for a run whose statistics could not be built. */
    public static SummaryTables empty() {
        String none = Latencies.encode(LatencyRecorders.newHistogram());
        StatsRow total = new StatsRow(StatsKey.total(), 0, 0, 0, null, null, null, null, Map.of(), Map.of(), Map.of(),
                0, 0);
        return new SummaryTables(List.of(), List.of(), List.of(), total, new LatencyHistograms(none, none, none, none));
    }

    /** The histograms of a group of slots, merged. */
    private static final class Merged {
        final IntervalAggregator agg;
        final List<Integer> slots;
        final Histogram ok;
        final Histogram failed;
        final Histogram all;
        final Histogram corrected;

        Merged(IntervalAggregator agg, List<Integer> slots) {
            this.agg = agg;
            this.slots = slots;
            ok = merge(slots, agg::cumulativeOk);
            failed = merge(slots, agg::cumulativeFailed);
            corrected = merge(slots, agg::cumulativeCorrected);
            all = ok.copy();
            all.add(failed);
        }

        StatsRow row(StatsKey key, double durationSeconds) {
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
            return new StatsRow(key, count, failures, rps, Latencies.of(ok), Latencies.of(failed), Latencies.of(all),
                    Latencies.of(corrected), statuses, errors, agg.errorSamples().merged(slots), sent, received);
        }

        private static Histogram merge(List<Integer> slots, IntFunction<Histogram> source) {
            Histogram merged = LatencyRecorders.newHistogram();
            for (int slot : slots) {
                Histogram h = source.apply(slot);
                if (h != null) {
                    merged.add(h);
                }
            }
            return merged;
        }
    }
}
