package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums counts and histograms into one {@link StatsRow}: the one reduction behind the run's summary tables and
 * the totals of accumulated interval samples, so the two cannot disagree on how a row is made. Not thread-safe.
 */
final class RowTally {
    private long count;
    private long failures;
    private long sent;
    private long received;
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Histogram ok = EncodedHistograms.newSum();
    private final Histogram failed = EncodedHistograms.newSum();
    private final Histogram corrected = EncodedHistograms.newSum();

    void addCounts(long requests, long failed, long bytesSent, long bytesReceived) {
        count += requests;
        failures += failed;
        sent += bytesSent;
        received += bytesReceived;
    }

    void addError(ErrorKind kind, long n) {
        if (n != 0) {
            errors.merge(kind, n, Long::sum);
        }
    }

    void addStatus(int code, long n) {
        if (n != 0) {
            statuses.merge(code, n, Long::sum);
        }
    }

    /** Adds histograms; a null one holds nothing. */
    void addLatencies(AbstractHistogram okLatency, AbstractHistogram failedLatency, AbstractHistogram correctedLatency) {
        add(ok, okLatency);
        add(failed, failedLatency);
        add(corrected, correctedLatency);
    }

    private static void add(Histogram to, AbstractHistogram from) {
        if (from != null && from.getTotalCount() > 0) {
            to.add(from);
        }
    }

    long count() {
        return count;
    }

    /** The row; the all-requests latency is the OK and the failed one together. */
    StatsRow row(StatsKey key, double durationSeconds, Map<ErrorKind, List<String>> errorSamples) {
        double rps = durationSeconds > 0 ? count / durationSeconds : 0;
        return new StatsRow(key, count, failures, rps, Latencies.of(ok), Latencies.of(failed), Latencies.of(all()),
                Latencies.of(corrected), statuses, errors, errorSamples, sent, received);
    }

    /** The row's histograms, {@link Latencies#encode encoded} as the summary carries them. */
    LatencyHistograms histograms() {
        return new LatencyHistograms(Latencies.encode(ok), Latencies.encode(failed), Latencies.encode(all()),
                Latencies.encode(corrected));
    }

    private Histogram all() {
        Histogram all = ok.copy();
        all.add(failed);
        return all;
    }
}
