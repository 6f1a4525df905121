package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.domain.sample.SampleTotals;
import io.maid.goose.ports.in.IntervalSampleMath;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * This module's tests' own {@link IntervalSampleMath} on HdrHistogram, so that the cluster is tested through the
 * port alone (app wires the engine's implementation). Exact in what the tests read: counts, status codes, errors,
 * the histograms and their percentiles; transactions and scenarios are grouped from the request keys.
 */
final class HdrSampleMath implements IntervalSampleMath {
    static final long HIGHEST_MICROS = 3_600_000_000L;

    static Histogram histogram() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    static Histogram decode(EncodedHistogram e) {
        if (e.isEmpty()) {
            return histogram();
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(e.bytes()), 1);
        } catch (java.util.zip.DataFormatException bad) {
            throw new IllegalArgumentException("not a compressed histogram", bad);
        }
    }

    static EncodedHistogram encode(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EncodedHistogram.EMPTY;
        }
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[n];
        buf.flip();
        buf.get(bytes);
        return new EncodedHistogram(bytes);
    }

    private static EncodedHistogram add(EncodedHistogram a, EncodedHistogram b) {
        Histogram h = decode(a);
        h.add(decode(b));
        return encode(h);
    }

    private static KeySample add(KeySample a, KeySample b) {
        Map<Integer, Long> codes = new HashMap<>(a.statusCodes());
        b.statusCodes().forEach((k, v) -> codes.merge(k, v, Long::sum));
        Map<ErrorKind, Long> errors = new HashMap<>(a.errors());
        b.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
        return new KeySample(a.key(), a.requests() + b.requests(), a.failures() + b.failures(), a.bytesSent() + b.bytesSent(),
                a.bytesReceived() + b.bytesReceived(), codes, errors, add(a.ok(), b.ok()), add(a.failed(), b.failed()),
                add(a.corrected(), b.corrected()));
    }

    private static List<KeySample> addKeys(List<KeySample> a, List<KeySample> b) {
        Map<StatsKey, KeySample> byKey = new LinkedHashMap<>();
        for (KeySample k : a) {
            byKey.put(k.key(), k);
        }
        for (KeySample k : b) {
            byKey.merge(k.key(), k, HdrSampleMath::add);
        }
        return List.copyOf(byKey.values());
    }

    @Override
    public IntervalSample merge(String source, List<IntervalSample> sameSecond) {
        if (sameSecond.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        IntervalSample first = sameSecond.get(0);
        List<KeySample> keys = List.of();
        int users = 0;
        double cpu = -1;
        double ram = -1;
        long dropped = 0;
        EncodedHistogram tls = EncodedHistogram.EMPTY;
        for (IntervalSample s : sameSecond) {
            if (!s.runId().equals(first.runId()) || s.second() != first.second()) {
                throw new IllegalArgumentException("samples of different runs or seconds");
            }
            keys = addKeys(keys, s.keys());
            users += s.activeUsers();
            cpu = Math.max(cpu, s.cpuUsage());
            ram = Math.max(ram, s.ramUsage());
            dropped += s.droppedIterations();
            tls = add(tls, s.tlsHandshakes());
        }
        return new IntervalSample(first.runId(), source, first.second(), first.timestamp(), first.elapsedSeconds(),
                first.intervalSeconds(), first.phase(), users, cpu, ram, keys, first.checks(), first.skipped(), dropped, tls);
    }

    @Override
    public IntervalSample accumulate(IntervalSample total, IntervalSample next) {
        if (total == null) {
            return next;
        }
        // the port's contract, as the engine's implementation enforces it
        if (!total.runId().equals(next.runId()) || next.second() <= total.second()) {
            throw new IllegalArgumentException("second " + next.second() + " does not follow the total up to second "
                    + total.second());
        }
        return new IntervalSample(next.runId(), next.source(), next.second(), next.timestamp(), next.elapsedSeconds(),
                next.intervalSeconds(), next.phase(), next.activeUsers(), next.cpuUsage(), next.ramUsage(),
                addKeys(total.keys(), next.keys()), next.checks(), next.skipped(),
                total.droppedIterations() + next.droppedIterations(), add(total.tlsHandshakes(), next.tlsHandshakes()));
    }

    @Override
    public MetricsSnapshot snapshot(IntervalSample s) {
        KeySample all = all(s.keys());
        Histogram ok = decode(all.ok());
        Map<String, Long> codes = new HashMap<>();
        all.statusCodes().forEach((k, v) -> codes.put(Integer.toString(k), v));
        Map<String, Long> errors = new HashMap<>();
        all.errors().forEach((k, v) -> errors.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        double interval = s.intervalSeconds() <= 0 ? 1 : s.intervalSeconds();
        return new MetricsSnapshot(s.runId(), s.timestamp(), s.elapsedSeconds(), s.intervalSeconds(), s.phase(),
                s.activeUsers(), s.cpuUsage(), s.ramUsage(), all.requests() / interval,
                all.requests() == 0 ? 0 : 100.0 * all.failures() / all.requests(), codes, ms(ok, 50), ms(ok, 90),
                ms(ok, 95), ms(ok, 99), ms(ok, 99.9), ok.getMaxValue() / 1000.0, ms(decode(all.corrected()), 99),
                0, 0, all.requests(), all.failures(), errors, 0, 0);
    }

    @Override
    public SampleTotals totals(IntervalSample accumulated, double durationSeconds) {
        List<StatsRow> requests = new ArrayList<>();
        for (KeySample k : accumulated.keys()) {
            requests.add(row(k, durationSeconds));
        }
        List<StatsRow> transactions = grouped(accumulated.keys(), k -> StatsKey.transaction(k.scenario(), k.transaction()), durationSeconds);
        List<StatsRow> scenarios = grouped(accumulated.keys(), k -> StatsKey.scenario(k.scenario()), durationSeconds);
        KeySample all = all(accumulated.keys());
        Histogram allLatency = decode(all.ok());
        allLatency.add(decode(all.failed()));
        LatencyHistograms histograms = new LatencyHistograms(all.ok().base64(), all.failed().base64(),
                encode(allLatency).base64(), all.corrected().base64());
        Histogram tls = decode(accumulated.tlsHandshakes());
        return new SampleTotals(requests, transactions, scenarios, row(StatsKey.total(), all, durationSeconds), histograms,
                tls.getTotalCount(), stats(tls));
    }

    private static List<StatsRow> grouped(List<KeySample> keys, Function<StatsKey, StatsKey> group, double seconds) {
        Map<StatsKey, List<KeySample>> byGroup = new LinkedHashMap<>();
        for (KeySample k : keys) {
            byGroup.computeIfAbsent(group.apply(k.key()), g -> new ArrayList<>()).add(k);
        }
        List<StatsRow> rows = new ArrayList<>();
        byGroup.forEach((g, ks) -> rows.add(row(g, all(ks), seconds)));
        return rows;
    }

    /** The keys' samples added into one (under a placeholder key: a key sample's key is a request key). */
    private static KeySample all(List<KeySample> keys) {
        StatsKey placeholder = StatsKey.request(io.maid.goose.domain.HttpMethod.GET, "all", "all");
        KeySample sum = new KeySample(placeholder, 0, 0, 0, 0, Map.of(), Map.of(), EncodedHistogram.EMPTY,
                EncodedHistogram.EMPTY, EncodedHistogram.EMPTY);
        for (KeySample k : keys) {
            sum = add(sum, new KeySample(placeholder, k.requests(), k.failures(), k.bytesSent(), k.bytesReceived(),
                    k.statusCodes(), k.errors(), k.ok(), k.failed(), k.corrected()));
        }
        return sum;
    }

    private static StatsRow row(KeySample k, double seconds) {
        return row(k.key(), k, seconds);
    }

    private static StatsRow row(StatsKey key, KeySample k, double seconds) {
        Histogram ok = decode(k.ok());
        Histogram failed = decode(k.failed());
        Histogram all = decode(k.ok());
        all.add(failed);
        return new StatsRow(key, k.requests(), k.failures(), seconds <= 0 ? 0 : k.requests() / seconds, stats(ok),
                stats(failed), stats(all), stats(decode(k.corrected())), k.statusCodes(), k.errors(), Map.of(), k.bytesSent(),
                k.bytesReceived());
    }

    static LatencyStats stats(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(h.getMinValue() / 1000.0, h.getMean() / 1000.0, h.getMaxValue() / 1000.0,
                h.getStdDeviation() / 1000.0, ms(h, 50), ms(h, 90), ms(h, 95), ms(h, 99), ms(h, 99.9));
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
