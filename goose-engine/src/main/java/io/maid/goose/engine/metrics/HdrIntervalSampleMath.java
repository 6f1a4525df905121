package io.maid.goose.engine.metrics;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.domain.sample.SampleTotals;
import io.maid.goose.ports.in.IntervalSampleMath;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@link IntervalSampleMath} with HdrHistogram: exact, because counts are integers and histograms of the same
 * precision add bucket by bucket. Stateless and thread-safe.
 *
 * <p>How each part combines, in {@link #merge} (the same second from several sources) and {@link #accumulate}
 * (successive seconds of one run):
 * <ul>
 *   <li>request keys are matched by their {@link StatsKey}, in the order they first appear; their counters add,
 *       status codes and errors add per code and kind, and their histograms add;</li>
 *   <li>checks add per (scenario, transaction, label), skips per (scenario, transaction, reason), dropped
 *       iterations and TLS handshakes add;</li>
 *   <li>merge: active users add; CPU and RAM are the highest of the sources; the phase is the least advanced
 *       (the run is in increase while any source is); the time stamp, the elapsed time and the interval's
 *       length are the latest and the longest (a rate over the merged sample never overstates);</li>
 *   <li>accumulate: the interval lengths add (so a snapshot of the total gives the run's mean rates); every
 *       gauge is the later sample's.</li>
 * </ul>
 *
 * <p>{@link #snapshot} reduces a sample exactly as the engine's per-second figures are made: latency
 * percentiles and the maximum of the successful requests of every key together, the corrected p99 of all
 * requests, rates over the interval's length.
 */
public final class HdrIntervalSampleMath implements IntervalSampleMath {
    /** Reads the histogram an encoding holds; the engine hands in the ones it has just encoded. */
    @FunctionalInterface
    public interface HistogramReader {
        Histogram read(EncodedHistogram encoded);
    }

    private static final HistogramReader DECODE = EncodedHistograms::decode;
    private static final ErrorKind[] KINDS = ErrorKind.values();

    @Override
    public IntervalSample merge(String source, List<IntervalSample> sameSecond) {
        Objects.requireNonNull(source, "source");
        if (sameSecond == null || sameSecond.isEmpty()) {
            throw new IllegalArgumentException("no samples to merge");
        }
        IntervalSample first = sameSecond.getFirst();
        for (IntervalSample s : sameSecond) {
            if (!s.runId().equals(first.runId())) {
                throw new IllegalArgumentException("samples of different runs cannot be merged: " + first.runId()
                        + " and " + s.runId());
            }
            if (s.second() != first.second()) {
                throw new IllegalArgumentException("samples of different seconds cannot be merged: second "
                        + first.second() + " and second " + s.second() + " of run " + first.runId());
            }
        }
        Instant timestamp = first.timestamp();
        double elapsed = first.elapsedSeconds();
        double interval = first.intervalSeconds();
        RunPhase phase = first.phase();
        int users = 0;
        double cpu = -1;
        double ram = -1;
        for (IntervalSample s : sameSecond) {
            timestamp = s.timestamp() != null && (timestamp == null || s.timestamp().isAfter(timestamp))
                    ? s.timestamp() : timestamp;
            elapsed = Math.max(elapsed, s.elapsedSeconds());
            interval = Math.max(interval, s.intervalSeconds());
            phase = s.phase() != null && (phase == null || s.phase().ordinal() < phase.ordinal()) ? s.phase() : phase;
            users += s.activeUsers();
            cpu = Math.max(cpu, s.cpuUsage());
            ram = Math.max(ram, s.ramUsage());
        }
        SampleSum sum = SampleSum.of(sameSecond);
        return new IntervalSample(first.runId(), source, first.second(), timestamp, elapsed, interval, phase, users,
                cpu, ram, sum.keys(), sum.checks(), sum.skipped(), sum.dropped, sum.tls(), sum.started);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code next} is of another run, or not of a later second than {@code total}
     */
    @Override
    public IntervalSample accumulate(IntervalSample total, IntervalSample next) {
        Objects.requireNonNull(next, "next");
        if (total == null) {
            return next;
        }
        if (!total.runId().equals(next.runId())) {
            throw new IllegalArgumentException("samples of different runs cannot be accumulated: " + total.runId()
                    + " and " + next.runId());
        }
        if (next.second() <= total.second()) {
            throw new IllegalArgumentException("second " + next.second() + " of run " + next.runId()
                    + " does not follow the total up to second " + total.second());
        }
        SampleSum sum = SampleSum.of(List.of(total, next));
        return new IntervalSample(next.runId(), next.source(), next.second(), next.timestamp(), next.elapsedSeconds(),
                total.intervalSeconds() + next.intervalSeconds(), next.phase(), next.activeUsers(), next.cpuUsage(),
                next.ramUsage(), sum.keys(), sum.checks(), sum.skipped(), sum.dropped, sum.tls(), sum.started);
    }

    @Override
    public MetricsSnapshot snapshot(IntervalSample sample) {
        return snapshot(sample, DECODE);
    }

    /** {@link #snapshot(IntervalSample)}, reading the histograms through {@code histograms}. */
    public MetricsSnapshot snapshot(IntervalSample sample, HistogramReader histograms) {
        return snapshot(sample, histograms, EncodedHistograms.newSum(), EncodedHistograms.newSum());
    }

    /**
     * {@link #snapshot(IntervalSample, HistogramReader)}, summing into the caller's histograms (which it resets
     * first), so that a caller reducing a sample every second allocates no histogram for it.
     */
    public MetricsSnapshot snapshot(IntervalSample sample, HistogramReader histograms, Histogram okSum,
                                    Histogram correctedSum) {
        Histogram ok = okSum;
        Histogram corrected = correctedSum;
        ok.reset();
        corrected.reset();
        long requests = 0;
        long failures = 0;
        long sent = 0;
        long received = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        long[] errors = new long[KINDS.length];
        for (KeySample k : sample.keys()) {
            requests += k.requests();
            failures += k.failures();
            sent += k.bytesSent();
            received += k.bytesReceived();
            k.statusCodes().forEach((code, n) -> statuses.merge(code, n, Long::sum));
            k.errors().forEach((kind, n) -> errors[kind.ordinal()] += n);
            addTo(ok, k.ok(), histograms);
            addTo(corrected, k.corrected(), histograms);
        }
        Map<String, Long> statusCodes = new LinkedHashMap<>();
        statuses.forEach((code, n) -> statusCodes.put(Integer.toString(code), n));
        Map<String, Long> errorsByKind = new LinkedHashMap<>();
        for (ErrorKind kind : KINDS) {
            if (errors[kind.ordinal()] != 0) {
                errorsByKind.put(kind.wireName(), errors[kind.ordinal()]);
            }
        }
        long checksFailed = 0;
        for (CheckStats c : sample.checks()) {
            checksFailed += c.failures();
        }
        long skipped = 0;
        for (SkipStats s : sample.skipped()) {
            skipped += s.count();
        }
        double interval = sample.intervalSeconds();
        LatencyStats raw = Latencies.of(ok);
        return new MetricsSnapshot(sample.runId(), sample.timestamp(), sample.elapsedSeconds(), interval,
                sample.phase(), sample.activeUsers(), sample.cpuUsage(), sample.ramUsage(), perSecond(requests, interval),
                requests == 0 ? 0 : 100.0 * failures / requests, statusCodes, raw.p50Ms(), raw.p90Ms(), raw.p95Ms(),
                raw.p99Ms(), raw.p999Ms(), raw.maxMs(), Latencies.percentileMs(corrected, 99),
                kilobits(received, interval), kilobits(sent, interval), requests, failures, errorsByKind, checksFailed,
                skipped, sample.droppedIterations(), sample.startedIterations());
    }

    /** Per key of the sample, in its order, the p95 of its successful requests in ms; NaN for a key without any. */
    public double[] okP95ByKey(IntervalSample sample, HistogramReader histograms) {
        double[] out = new double[sample.keys().size()];
        for (int i = 0; i < out.length; i++) {
            EncodedHistogram ok = sample.keys().get(i).ok();
            out[i] = ok.isEmpty() ? Double.NaN : Latencies.percentileMs(histograms.read(ok), 95);
        }
        return out;
    }

    @Override
    public SampleTotals totals(IntervalSample accumulated, double durationSeconds) {
        Map<String, RowTally> transactions = new LinkedHashMap<>();
        Map<String, StatsKey> transactionKeys = new LinkedHashMap<>();
        Map<String, RowTally> scenarios = new LinkedHashMap<>();
        RowTally total = new RowTally();
        List<StatsRow> requests = new ArrayList<>();
        for (KeySample k : accumulated.keys()) {
            StatsKey key = k.key();
            RowTally one = new RowTally();
            String transaction = key.scenario() + "\u0000" + key.transaction();
            transactionKeys.putIfAbsent(transaction, StatsKey.transaction(key.scenario(), key.transaction()));
            Histogram ok = decodeOrNull(k.ok());
            Histogram failed = decodeOrNull(k.failed());
            Histogram corrected = decodeOrNull(k.corrected());
            for (RowTally t : List.of(one, transactions.computeIfAbsent(transaction, n -> new RowTally()),
                    scenarios.computeIfAbsent(key.scenario(), n -> new RowTally()), total)) {
                t.addCounts(k.requests(), k.failures(), k.bytesSent(), k.bytesReceived());
                k.statusCodes().forEach(t::addStatus);
                k.errors().forEach(t::addError);
                t.addLatencies(ok, failed, corrected);
            }
            requests.add(one.row(key, durationSeconds, Map.of()));
        }
        List<StatsRow> transactionRows = new ArrayList<>();
        transactions.forEach((name, t) -> transactionRows.add(t.row(transactionKeys.get(name), durationSeconds, Map.of())));
        List<StatsRow> scenarioRows = new ArrayList<>();
        scenarios.forEach((name, t) -> scenarioRows.add(t.row(StatsKey.scenario(name), durationSeconds, Map.of())));
        Histogram tls = EncodedHistograms.decode(accumulated.tlsHandshakes());
        return new SampleTotals(requests, transactionRows, scenarioRows, total.row(StatsKey.total(), durationSeconds,
                Map.of()), total.histograms(), tls.getTotalCount(), Latencies.of(tls));
    }

    private static Histogram decodeOrNull(EncodedHistogram encoded) {
        return encoded.isEmpty() ? null : EncodedHistograms.decode(encoded);
    }

    private static void addTo(Histogram sum, EncodedHistogram encoded, HistogramReader histograms) {
        if (!encoded.isEmpty()) {
            sum.add(histograms.read(encoded));
        }
    }

    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }

    private static double kilobits(long bytes, double seconds) {
        return seconds > 0 ? bytes * 8 / 1000.0 / seconds : 0;
    }
}
