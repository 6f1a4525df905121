package io.maid.goose.engine.metrics;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sum of several samples' counted parts, for {@link HdrIntervalSampleMath}: keys, checks and skips matched
 * by identity in the order they first appear, counts added, histograms added exactly. A histogram only one
 * sample holds is kept as encoded, without a decode and encode.
 */
final class SampleSum {
    private final Map<StatsKey, KeySum> keys = new LinkedHashMap<>();
    private final Map<List<String>, long[]> checks = new LinkedHashMap<>();
    private final Map<List<String>, Long> skips = new LinkedHashMap<>();
    private final HistogramSum tls = new HistogramSum();
    long dropped;
    long started;

    static SampleSum of(List<IntervalSample> samples) {
        SampleSum sum = new SampleSum();
        for (IntervalSample s : samples) {
            for (KeySample k : s.keys()) {
                sum.keys.computeIfAbsent(k.key(), KeySum::new).add(k);
            }
            for (CheckStats c : s.checks()) {
                long[] n = sum.checks.computeIfAbsent(List.of(c.scenario(), c.transaction(), c.label()), x -> new long[2]);
                n[0] += c.passes();
                n[1] += c.failures();
            }
            for (SkipStats k : s.skipped()) {
                sum.skips.merge(List.of(k.scenario(), k.transaction(), k.reason()), k.count(), Long::sum);
            }
            sum.dropped += s.droppedIterations();
            sum.started += s.startedIterations();
            sum.tls.add(s.tlsHandshakes());
        }
        return sum;
    }

    List<KeySample> keys() {
        List<KeySample> out = new ArrayList<>(keys.size());
        keys.values().forEach(k -> out.add(k.sample()));
        return out;
    }

    List<CheckStats> checks() {
        List<CheckStats> out = new ArrayList<>(checks.size());
        checks.forEach((id, n) -> out.add(new CheckStats(id.get(0), id.get(1), id.get(2), n[0], n[1])));
        return out;
    }

    List<SkipStats> skipped() {
        List<SkipStats> out = new ArrayList<>(skips.size());
        skips.forEach((id, n) -> out.add(new SkipStats(id.get(0), id.get(1), id.get(2), n)));
        return out;
    }

    EncodedHistogram tls() {
        return tls.encoded();
    }

    /** One key's parts, summed. */
    private static final class KeySum {
        final StatsKey key;
        long requests;
        long failures;
        long sent;
        long received;
        final Map<Integer, Long> statuses = new TreeMap<>();
        final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        final HistogramSum ok = new HistogramSum();
        final HistogramSum failed = new HistogramSum();
        final HistogramSum corrected = new HistogramSum();

        KeySum(StatsKey key) {
            this.key = key;
        }

        void add(KeySample k) {
            requests += k.requests();
            failures += k.failures();
            sent += k.bytesSent();
            received += k.bytesReceived();
            k.statusCodes().forEach((code, n) -> statuses.merge(code, n, Long::sum));
            k.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
            ok.add(k.ok());
            failed.add(k.failed());
            corrected.add(k.corrected());
        }

        KeySample sample() {
            return new KeySample(key, requests, failures, sent, received, statuses, errors, ok.encoded(),
                    failed.encoded(), corrected.encoded());
        }
    }

    /** Encoded histograms added up; decoded only once a second non-empty one arrives. */
    private static final class HistogramSum {
        private EncodedHistogram only = EncodedHistogram.EMPTY;
        private Histogram sum;

        void add(EncodedHistogram h) {
            if (h.isEmpty()) {
                return;
            }
            if (sum == null && only.isEmpty()) {
                only = h;
                return;
            }
            if (sum == null) {
                sum = EncodedHistograms.newSum();
                sum.add(EncodedHistograms.decode(only));
            }
            sum.add(EncodedHistograms.decode(h));
        }

        EncodedHistogram encoded() {
            return sum == null ? only : EncodedHistograms.encode(sum);
        }
    }
}
