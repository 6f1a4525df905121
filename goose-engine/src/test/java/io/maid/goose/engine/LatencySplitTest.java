package io.maid.goose.engine;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Sent;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import static io.maid.goose.engine.MeasuredRun.assertWithinHdrPrecision;
import static io.maid.goose.engine.MeasuredRun.backToBack;
import static io.maid.goose.engine.MeasuredRun.nearestRank;
import static io.maid.goose.engine.MeasuredRun.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw latency is kept apart for successful and failed requests, so a fast failure cannot pull the
 * percentiles of a slow service down; every figure is checked against a reference computed from the raw
 * samples the scripted transport produced.
 */
class LatencySplitTest {
    /** How the engine runs users in these tests; {@code LatencySplitOnLoopsTest} runs them on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    private static final long OK_MIN_MICROS = 5_000;

    /**
     * One user: every 5th call (offset 1) is refused after 0.3 ms, every 5th (offset 3) answers 500 after
     * 40-46 ms, the rest answer 200 after 5-20 ms.
     */
    private MeasuredRun mixedRun() {
        return MeasuredRun.of(users(), backToBack(1).get("root", "/").build(), 2000, call -> {
            long n = call.callNumber();
            if (n % 5 == 1) {
                return new ScriptedTransport.Fail(ErrorKind.CONNECT_REFUSED, Duration.ofNanos(300_000), "Connection refused");
            }
            if (n % 5 == 3) {
                return ScriptedTransport.respond(500, Duration.ofMillis(40 + n % 7));
            }
            return ScriptedTransport.respond(200, Duration.ofNanos((OK_MIN_MICROS + (n * 7919) % 15_000) * 1000));
        });
    }

    /** One user: three calls in five are refused after 0.3 ms, the rest answer 200 after 5-20 ms. */
    private MeasuredRun refusalHeavyRun() {
        return MeasuredRun.of(users(), backToBack(1).get("root", "/").build(), 2000, call -> call.callNumber() % 5 < 3
                ? new ScriptedTransport.Fail(ErrorKind.CONNECT_REFUSED, Duration.ofNanos(300_000), "Connection refused")
                : ScriptedTransport.respond(200, Duration.ofNanos((OK_MIN_MICROS + (call.callNumber() * 7919) % 15_000) * 1000)));
    }

    private static long[] micros(MeasuredRun r, Predicate<Sent> which) {
        return r.sent().stream().filter(which).mapToLong(MeasuredRun::recordedMicros).sorted().toArray();
    }

    private static void assertAgrees(long[] samples, LatencyStats stats, String what) {
        assertWithinHdrPrecision(nearestRank(samples, 500), stats.p50Ms(), what + " p50");
        assertWithinHdrPrecision(nearestRank(samples, 900), stats.p90Ms(), what + " p90");
        assertWithinHdrPrecision(nearestRank(samples, 990), stats.p99Ms(), what + " p99");
        assertWithinHdrPrecision(nearestRank(samples, 999), stats.p999Ms(), what + " p99.9");
        assertWithinHdrPrecision(samples[0], stats.minMs(), what + " min");
        assertWithinHdrPrecision(samples[samples.length - 1], stats.maxMs(), what + " max");
    }

    private static boolean succeeded(Sent s) {
        return status(s) == 200;
    }

    @Test
    void okFailedAndAllLatencyAgreeWithTheirRawSamples() {
        MeasuredRun r = mixedRun();
        StatsRow total = r.summary().total();
        long[] ok = micros(r, LatencySplitTest::succeeded);
        long[] failed = micros(r, s -> !succeeded(s));
        long[] all = micros(r, s -> true);

        assertEquals(total.count(), all.length);
        assertEquals(total.failures(), failed.length);
        assertAgrees(ok, total.latency(), "ok");
        assertAgrees(failed, total.failedLatency(), "failed");
        assertAgrees(all, total.allLatency(), "all");
        StatsRow only = r.summary().requests().get(0);
        assertEquals(List.of(total.latency(), total.failedLatency(), total.allLatency()),
                List.of(only.latency(), only.failedLatency(), only.allLatency()), "the only request key has the same split");
    }

    @Test
    void fastFailuresDoNotPullTheOkMedianDown() {
        StatsRow total = refusalHeavyRun().summary().total();

        assertTrue(total.latency().p50Ms() >= OK_MIN_MICROS / 1000.0, "ok p50 " + total.latency().p50Ms());
        assertWithinHdrPrecision(300, total.allLatency().p50Ms(), "mixed in, the refusals are the median of all");
        assertWithinHdrPrecision(300, total.failedLatency().p50Ms(), "the refusals are in the failed latency");
    }

    @Test
    void theEncodedHistogramsSplitTheSamplesAndTheCorrectedOneCoversAll() throws Exception {
        MeasuredRun r = mixedRun();
        StatsRow total = r.summary().total();
        Histogram ok = decode(r.summary().histograms().ok());
        Histogram failed = decode(r.summary().histograms().failed());
        Histogram all = decode(r.summary().histograms().all());
        Histogram corrected = decode(r.summary().histograms().corrected());

        assertEquals(total.count() - total.failures(), ok.getTotalCount());
        assertEquals(total.failures(), failed.getTotalCount());
        Histogram sum = ok.copy();
        sum.add(failed);
        assertEquals(sum, all);
        assertTrue(corrected.getTotalCount() >= all.getTotalCount(), "the corrected histogram covers every request");
    }

    @Test
    void perSecondPercentilesAndTheMaximumAreThoseOfSuccessfulRequests() {
        MeasuredRun r = refusalHeavyRun();
        StatsRow total = r.summary().total();

        double maxOfSeconds = r.timeline().stream().mapToDouble(MetricsSnapshot::latencyMaxMs).max().orElseThrow();
        assertEquals(total.latency().maxMs(), maxOfSeconds, "the largest per-second maximum is the run's OK maximum");
        // Mixed in, the refusals (60 % of every second) would make each second's median 0.3 ms.
        for (MetricsSnapshot m : r.timeline()) {
            assertTrue(m.latencyP50Ms() < 0.25 || m.latencyP50Ms() > 0.35, "a second's p50 holds no refusal: " + m);
            assertTrue(m.latencyMaxMs() >= m.latencyP999Ms() && m.latencyP999Ms() >= m.latencyP50Ms(), m.toString());
        }
        assertTrue(r.timeline().stream().anyMatch(m -> m.latencyP50Ms() >= OK_MIN_MICROS / 1000.0), "seconds with OK requests");
    }

    private static Histogram decode(String encoded) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
    }
}
